package dev.authsvc.command.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.command.support.TestSecrets;
import dev.authsvc.testsupport.HttpApiTestSupport;
import dev.authsvc.testsupport.TcpProxy;
import dev.authsvc.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL cut off behind a TCP proxy while commands arrive: each is answered 503 with Retry-After (never a
 * 500), records nothing, and once the database is reachable again the same command succeeds, with no restart.
 * Runs on PostgreSQL only (CI sets {@code AUTH_TEST_POSTGRES_URL}): H2 in memory has no connection to cut.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL_VARIABLE, matches = ".+",
        disabledReason = "needs PostgreSQL: set AUTH_TEST_POSTGRES_URL")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageIT extends HttpApiTestSupport {

    static TcpProxy database;

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) throws IOException {
        TestDatabase.properties(TestDatabase.newName()).forEach((name, value) -> {
            if (name.equals("spring.datasource.url")) {
                registry.add(name, () -> throughProxy(value));
            } else {
                registry.add(name, () -> value);
            }
        });
        TestSecrets.register(registry);
    }

    /** The same JDBC URL with its host and port replaced by the proxy's. */
    static String throughProxy(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        try {
            database = TcpProxy.to(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return jdbcUrl.replace(uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()),
                "127.0.0.1:" + database.port());
    }

    @AfterAll
    static void closeProxy() throws IOException {
        if (database != null) {
            database.close();
        }
    }

    @LocalServerPort
    int port;

    @Override
    protected int port() {
        return port;
    }

    @Test
    void whileTheDatabaseIsUnreachable_commandsAre503WithRetryAfter_andAfterwardsTheSameCommandsSucceed() throws Exception {
        assertThat(post("/register", registration("before")).status()).isEqualTo(200);

        database.cut();
        try {
            for (String path : new String[] {"/register", "/send-otp", "/reset-password"}) {
                Response refused = post(path, path.equals("/register") ? registration("during")
                        : path.equals("/send-otp") ? "{\"phone_number\": \"+15550000001\"}"
                        : "{\"email\": \"before-" + RUN + "@example.com\"}");
                assertIsUnavailable(refused);
            }
        } finally {
            database.restore();
        }

        // No restart: the pool reconnects, and the registration refused during the outage was not half-recorded.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> post("/register", registration("during")).status() == 200);
        assertThat(post("/register", registration("after")).status()).isEqualTo(200);
    }

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static String registration(String name) {
        long phone = Math.floorMod((RUN + name).hashCode(), 900_000_000L) + 100_000_000L;
        return """
                {"first_name": "Outage", "last_name": "Test", "email": "%s-%s@example.com", "phone_number": "+1%d",
                 "password": "a long passphrase", "role": "employee"}""".formatted(name, RUN, phone);
    }
}
