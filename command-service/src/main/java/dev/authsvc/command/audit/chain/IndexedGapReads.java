package dev.authsvc.command.audit.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;

/**
 * How the publisher reads the events after its token when the token has gaps (events whose transactions had not
 * committed when later ones had, or never will): the events past the token, and the ones at the gaps, as two
 * queries joined by {@code UNION ALL}, each on the primary key.
 * <p>Axon's own statement asks for both with one {@code OR} ({@code (global_index > ? AND global_index <= ?) OR
 * global_index IN (...)}), for which H2 reads the whole table in index order: 17.5 ms a read at 100,000 events
 * against 0.9 ms for this one, measured. Under a steady stream of commands the token nearly always has a gap, so
 * every read of the publisher scanned every event ever stored, and at 60 commands/s the scans took two fifths of
 * command-service's CPU. The two parts cannot overlap (the gaps are below the token's index, the range above it).
 */
final class IndexedGapReads implements ReadEventDataWithGapsStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize,
            List<Long> gaps) throws SQLException {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String index = schema.globalIndexColumn();
        String sql = select + index + " > ? AND " + index + " <= ?"
                + " UNION ALL " + select + index + " IN (" + String.join(",", Collections.nCopies(gaps.size(), "?"))
                + ") ORDER BY " + index + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }
}
