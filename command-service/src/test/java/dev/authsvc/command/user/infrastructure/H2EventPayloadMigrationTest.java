package dev.authsvc.command.user.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On H2 the event store keeps payloads in the row (V7_1): a BLOB read is held by the session for H2's LOB timeout
 * (5 minutes), which filled command-service's heap under a steady load. Stored events and snapshots survive the
 * change byte for byte.
 */
class H2EventPayloadMigrationTest {

    private static final byte[] PAYLOAD = "{\"first_name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] META_DATA = "{\"trace\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    private final JdbcDataSource dataSource = dataSource();
    private final JdbcClient jdbc = JdbcClient.create(dataSource);

    @Test
    void eventAndSnapshotPayloads_areStoredInTheRow_notAsLobs() {
        migrate("latest");

        assertThat(jdbc.sql("SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns"
                        + " WHERE table_name IN ('DOMAIN_EVENT_ENTRY', 'SNAPSHOT_EVENT_ENTRY')"
                        + " AND column_name IN ('PAYLOAD', 'META_DATA') ORDER BY 1")
                .query(String.class)
                .list())
                .containsExactly(
                        "DOMAIN_EVENT_ENTRY.META_DATA BINARY VARYING",
                        "DOMAIN_EVENT_ENTRY.PAYLOAD BINARY VARYING",
                        "SNAPSHOT_EVENT_ENTRY.META_DATA BINARY VARYING",
                        "SNAPSHOT_EVENT_ENTRY.PAYLOAD BINARY VARYING");
    }

    @Test
    void eventsAndSnapshotsStoredBefore_areReadBackByteForByte() {
        migrate("7");
        jdbc.sql("INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_type, time_stamp,"
                        + " aggregate_identifier, sequence_number, type) VALUES (?, ?, ?, 'UserRegistered',"
                        + " '2026-12-06T12:00:00Z', 'user-1', 0, 'User')")
                .params(UUID.randomUUID().toString(), META_DATA, PAYLOAD)
                .update();
        jdbc.sql("INSERT INTO snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " meta_data, payload, payload_type, time_stamp) VALUES ('user-1', 0, 'User', ?, ?, ?, 'User',"
                        + " '2026-12-06T12:00:00Z')")
                .params(UUID.randomUUID().toString(), META_DATA, PAYLOAD)
                .update();

        migrate("latest");

        for (String table : new String[] {"domain_event_entry", "snapshot_event_entry"}) {
            byte[][] stored = jdbc.sql("SELECT meta_data, payload FROM " + table + " WHERE aggregate_identifier = 'user-1'")
                    .query((rs, n) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)})
                    .single();
            assertThat(stored[0]).as(table + ".meta_data").isEqualTo(META_DATA);
            assertThat(stored[1]).as(table + ".payload").isEqualTo(PAYLOAD);
        }
    }

    private void migrate(String target) {
        Flyway.configure().dataSource(dataSource).target(target)
                .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load()
                .migrate();
    }

    private static JdbcDataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:payloads-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }
}
