package dev.authsvc.command.audit.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Flyway migration V6: chains the events stored before the chain existed, user by user in sequence order, on
 * H2 and PostgreSQL alike. It chains only events that have no link yet, so it is safe to run again
 * ({@link #chainUnchained}).
 */
public class ChainStoredEvents implements JavaMigration {

    @Override
    public String getDescription() {
        return "chain stored events";
    }

    @Override
    public Integer getChecksum() {
        return 6;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("6");
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        chainUnchained(context.getConnection());
    }

    /** Chains every stored event without a link; answers how many it chained. */
    public static int chainUnchained(Connection connection) throws SQLException {
        int chained = 0;
        List<StoredEvent> user = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + prefixed("e")
                + " FROM domain_event_entry e LEFT JOIN event_chain c ON c.aggregate_identifier = e.aggregate_identifier"
                + " AND c.sequence_number = e.sequence_number WHERE c.hash IS NULL"
                + " ORDER BY e.aggregate_identifier, e.sequence_number")) {
            // PostgreSQL streams the rows (in the migration's transaction) instead of loading them all.
            select.setFetchSize(500);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    StoredEvent event = EventChainStore.storedEvent(rows);
                    if (!user.isEmpty() && !user.get(0).aggregateIdentifier().equals(event.aggregateIdentifier())) {
                        chained += flush(connection, user);
                    }
                    user.add(event);
                }
            }
        }
        return chained + flush(connection, user);
    }

    private static int flush(Connection connection, List<StoredEvent> user) throws SQLException {
        if (user.isEmpty()) {
            return 0;
        }
        EventChainStore.chainAfterHead(connection, user);
        int chained = user.size();
        user.clear();
        return chained;
    }

    private static String prefixed(String alias) {
        return alias + "." + EventChainStore.EVENT_COLUMNS.replace(", ", ", " + alias + ".");
    }
}
