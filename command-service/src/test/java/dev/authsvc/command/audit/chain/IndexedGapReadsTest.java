package dev.authsvc.command.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.config.AxonConfiguration;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The publisher's read past a token with gaps, on H2 with the event store's own migration. */
class IndexedGapReadsTest {

    private static final EventSchema SCHEMA = AxonConfiguration.snakeCaseEventSchema();

    private Connection connection;

    @BeforeEach
    void eventStore() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:gaps-" + UUID.randomUUID());
        try (var migration = IndexedGapReadsTest.class.getResourceAsStream("/db/migration/h2/V1__axon_event_store.sql");
                Statement statement = connection.createStatement()) {
            for (String sql : new String(migration.readAllBytes(), StandardCharsets.UTF_8).split(";")) {
                if (!sql.strip().isEmpty()) {
                    statement.execute(sql);
                }
            }
            for (int index = 1; index <= 20; index++) {
                statement.execute("INSERT INTO domain_event_entry (global_index, event_identifier, payload, payload_type,"
                        + " time_stamp, aggregate_identifier, sequence_number, type) VALUES (" + index + ", '"
                        + UUID.randomUUID() + "', X'7B7D', 'T', '2026-12-06T00:00:00Z', 'a" + index + "', 0, 'User')");
            }
        }
    }

    @Test
    void readsTheGapsAndTheEventsPastTheToken_inOrder_onceEach() throws Exception {
        assertThat(indexes(new IndexedGapReads().build(connection, SCHEMA, 10, 5, List.of(4L, 7L))))
                .containsExactly(4L, 7L, 11L, 12L, 13L, 14L, 15L);
        assertThat(indexes(new IndexedGapReads().build(connection, SCHEMA, 18, 5, List.of(3L))))
                .containsExactly(3L, 19L, 20L);
    }

    @Test
    void eachPartIsReadThroughThePrimaryKey_whereAxonsOwnStatementScansTheTable() throws Exception {
        String ours = plan(new IndexedGapReads().build(connection, SCHEMA, 10, 5, List.of(4L, 7L)));
        String axons = plan(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, SCHEMA, 10, 5,
                List.of(4L, 7L)));

        assertThat(ours).containsPattern("PRIMARY_KEY_\\w+: GLOBAL_INDEX > ")
                .containsPattern("PRIMARY_KEY_\\w+: GLOBAL_INDEX IN\\(");
        assertThat(axons).as("Axon's OR: the index only orders a scan of every row")
                .doesNotContainPattern("PRIMARY_KEY_\\w+: GLOBAL_INDEX");
    }

    private static List<Long> indexes(PreparedStatement statement) throws Exception {
        List<Long> indexes = new ArrayList<>();
        try (statement; ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                indexes.add(rows.getLong("global_index"));
            }
        }
        return indexes;
    }

    /** H2's plan of the statement, the parameters written into it. */
    private String plan(PreparedStatement statement) throws Exception {
        String sql = statement.toString();
        statement.close();
        String query = sql.substring(sql.indexOf(": ") + 2, sql.indexOf(" {"));
        String parameters = sql.substring(sql.indexOf(" {") + 2, sql.lastIndexOf('}'));
        for (String parameter : parameters.split(", ")) {
            query = query.replaceFirst("\\?", parameter.substring(parameter.indexOf(": ") + 2));
        }
        try (Statement explain = connection.createStatement();
                ResultSet plan = explain.executeQuery("EXPLAIN " + query)) {
            plan.next();
            return plan.getString(1).replace('\n', ' ').replaceAll("\\s+", " ").replace("\"", "");
        }
    }
}
