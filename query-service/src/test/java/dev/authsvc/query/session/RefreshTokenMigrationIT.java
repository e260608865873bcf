package dev.authsvc.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.testsupport.TestDatabase;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The upgrades to refresh tokens stored in issue order (V7) and to sealed children kept in their own row (V9), on
 * the test database (PostgreSQL with {@value TestDatabase#POSTGRES_URL_VARIABLE}, H2 otherwise): a database at V6
 * with live sessions migrates with nothing lost that a client holds.
 */
class RefreshTokenMigrationIT {

    private static final OffsetDateTime LOGIN = Instant.now().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);

    @Test
    void anUpgradeKeepsEveryToken_andItsSealedChild_andNotesEachSessionsNewestToken() {
        String name = TestDatabase.newName();
        Map<String, String> properties = TestDatabase.properties(name);
        DataSource dataSource = new SimpleDriverDataSource(
                driver(properties.get("spring.datasource.url")), properties.get("spring.datasource.url"));
        migrate(dataSource, name, "6");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        session(jdbc, "refreshed");
        session(jdbc, "no-token-left");
        token(jdbc, "parent-hash", "refreshed", LOGIN, LOGIN.plusSeconds(5), "child-hash", "sealed child");
        token(jdbc, "child-hash", "refreshed", LOGIN.plusSeconds(5), null, null, null);

        migrate(dataSource, name, "latest");

        assertThat(jdbc.sql("SELECT token_hash, used_at, child_hash, sealed_child FROM refresh_token ORDER BY issued_at")
                .query((rs, n) -> rs.getString(1) + " " + (rs.getObject(2) != null) + " " + rs.getString(3) + " "
                        + rs.getString(4))
                .list())
                .as("the sealed child moved to the child's own row (V7 kept it in refresh_token_grace, V9 in the row)")
                .containsExactly("parent-hash true child-hash null", "child-hash false null sealed child");
        assertThat(jdbc.sql("SELECT session_id, last_issued_at, last_expires_at FROM refresh_session ORDER BY session_id")
                .query((rs, n) -> rs.getString(1) + " " + instant(rs.getObject(2, OffsetDateTime.class)) + " "
                        + instant(rs.getObject(3, OffsetDateTime.class)))
                .list())
                .containsExactly("no-token-left null null",
                        "refreshed " + LOGIN.plusSeconds(5).toInstant() + " " + LOGIN.plusDays(30).plusSeconds(5).toInstant());
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static void session(JdbcClient jdbc, String sessionId) {
        jdbc.sql("INSERT INTO refresh_session (session_id, user_id, auth_time, amr, role, phone_verified, created_at)"
                        + " VALUES (?, 'user-1', ?, 'pwd', 'employee', TRUE, ?)")
                .params(sessionId, LOGIN, LOGIN)
                .update();
    }

    private static void token(JdbcClient jdbc, String hash, String sessionId, OffsetDateTime issuedAt,
            OffsetDateTime usedAt, String childHash, String sealedChild) {
        jdbc.sql("INSERT INTO refresh_token (token_hash, session_id, issued_at, expires_at, used_at, child_hash,"
                        + " sealed_child) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(hash, sessionId, issuedAt, issuedAt.plusDays(30), usedAt, childHash, sealedChild)
                .update();
    }

    private static void migrate(DataSource dataSource, String schema, String target) {
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource).target(target)
                .locations("classpath:db/migration/common",
                        "classpath:db/migration/" + (TestDatabase.postgres() ? "postgresql" : "h2"));
        if (TestDatabase.postgres()) {
            flyway = flyway.schemas(schema).defaultSchema(schema).createSchemas(true);
        }
        flyway.load().migrate();
    }

    private static Driver driver(String url) {
        try {
            return DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
