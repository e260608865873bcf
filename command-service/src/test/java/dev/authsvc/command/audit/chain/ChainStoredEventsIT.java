package dev.authsvc.command.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration V6 on H2, or PostgreSQL when {@code AUTH_TEST_POSTGRES_URL} is set: events stored before the chain
 * existed (a database migrated up to V5, holding a real user's events without links) get chained, and the chain
 * then verifies intact; running it again chains nothing.
 */
class ChainStoredEventsIT extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void eventsStoredBeforeTheChain_areChainedByTheMigration_andVerifyIntact() throws Exception {
        String userId = registerUser(uniqueEmail(), uniquePhone(), "correct horse battery");
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number").param(userId).query().listOfRows();
        String name = TestDatabase.newName();
        DataSource older = new DriverManagerDataSource(TestDatabase.properties(name).get("spring.datasource.url"));
        flyway(older, name).target("5").load().migrate();
        JdbcClient olderStore = JdbcClient.create(older);
        for (Map<String, Object> row : rows) {
            olderStore.sql("INSERT INTO domain_event_entry (global_index, event_identifier, meta_data, payload, "
                    + "payload_revision, payload_type, time_stamp, aggregate_identifier, sequence_number, type) "
                    + "VALUES (:global_index, :event_identifier, :meta_data, :payload, :payload_revision, "
                    + ":payload_type, :time_stamp, :aggregate_identifier, :sequence_number, :type)")
                    .params(lowerCaseKeys(row)).update();
        }
        assertThat(olderStore.sql("SELECT count(*) FROM event_chain").query(Long.class).single()).isZero();

        flyway(older, name).javaMigrations(new ChainStoredEvents()).load().migrate();

        assertThat(olderStore.sql("SELECT count(*) FROM event_chain WHERE aggregate_identifier = ?").param(userId)
                .query(Long.class).single()).isEqualTo(rows.size());
        try (Connection connection = older.getConnection()) {
            ChainVerification verification = ChainVerifier.verify(userId, EventChainStore.events(connection, userId),
                    EventChainStore.links(connection, userId), EventChainStore.head(connection, userId));
            assertThat(verification.brokenLink()).isNull();
            assertThat(verification.eventsChecked()).isEqualTo(rows.size());
            assertThat(ChainStoredEvents.chainUnchained(connection)).as("a second run").isZero();
            // The links are the ones the service itself wrote when it stored the events.
            assertThat(EventChainStore.links(connection, userId)).isEqualTo(linksOfTheService(userId));
        }
    }

    private List<ChainLink> linksOfTheService(String userId) {
        return jdbc.sql("SELECT aggregate_identifier, sequence_number, event_identifier, global_index, payload_digest, "
                + "meta_data_digest, previous_hash, hash FROM event_chain WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number").param(userId).query((r, n) -> new ChainLink(r.getString(1), r.getLong(2),
                        r.getString(3), r.getLong(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8)))
                .list();
    }

    private static FluentConfiguration flyway(DataSource dataSource, String name) {
        FluentConfiguration configuration = Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/" + (TestDatabase.postgres() ? "postgresql" : "h2"));
        return TestDatabase.postgres()
                ? configuration.schemas(name).defaultSchema(name).createSchemas(true)
                : configuration;
    }

    private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> lower = new HashMap<>();
        row.forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
        return lower;
    }
}
