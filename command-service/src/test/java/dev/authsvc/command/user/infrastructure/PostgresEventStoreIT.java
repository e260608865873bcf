package dev.authsvc.command.user.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.CommandServiceApplication;
import dev.authsvc.command.audit.chain.ChainVerifier;
import dev.authsvc.command.audit.chain.EventChainStore;
import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.testsupport.TestDatabase;
import dev.authsvc.command.support.TestSecrets;
import dev.authsvc.command.support.TestTokens;
import dev.authsvc.command.user.api.ProfileUpdated;
import dev.authsvc.command.user.api.UserRegistered;
import java.net.URI;
import java.sql.Connection;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The event store and the lookup table on PostgreSQL (CI sets {@code AUTH_TEST_POSTGRES_URL}). */
@EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL_VARIABLE, matches = ".+")
class PostgresEventStoreIT extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Autowired
    DataSource dataSource;

    @Test
    void eventsAreAppendedAsByteaAndLoadBackInOrder() {
        String userId = registerUser(uniqueEmail(), uniquePhone(), "correct horse battery");

        List<DomainEventMessage<?>> events = events(userId);

        assertThat(events).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
        assertThat(events.get(0).getPayload()).isInstanceOf(UserRegistered.class);
        assertThat(jdbc.sql("""
                SELECT data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'domain_event_entry'
                  AND column_name IN ('payload', 'meta_data')""").query(String.class).list())
                .containsOnly("bytea");
        assertThat(jdbc.sql("SELECT count(*) FROM pg_largeobject_metadata").query(Long.class).single()).isZero();
    }

    /**
     * Two instances of command-service on one database, as when it is scaled out: each has its own in-memory
     * aggregate lock, so their writes to one user really race in the event store. Every change lands: the
     * loser of a race retries on the newer state.
     */
    @Test
    void concurrentChangesOfOneUserThroughTwoInstancesAllLandWithoutLosingAnEvent() throws Exception {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");
        String token = TestTokens.accessToken(userId, loginWithOtp(userId, phone).get("session_id").asString());
        int writers = 12;
        try (ConfigurableApplicationContext second = startSecondInstance()) {
            int secondPort = ((ServletWebServerApplicationContext) second).getWebServer().getPort();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String name = "Name" + i;
                int target = i % 2 == 0 ? port : secondPort;
                statuses.add(pool.submit(() -> {
                    start.await();
                    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + "/update-account"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"first_name\": \"%s\"}".formatted(name))))
                            .status();
                }));
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
        List<DomainEventMessage<?>> events = events(userId);
        assertThat(events(userId, ProfileUpdated.class)).hasSize(writers)
                .extracting(ProfileUpdated::firstName).doesNotHaveDuplicates();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getSequenceNumber()).isEqualTo(i);
        }
        // The losers' links rolled back with their events: the user's hash chain is whole (docs/audit.md).
        assertThat(jdbc.sql("SELECT count(*) FROM event_chain WHERE aggregate_identifier = ?").param(userId)
                .query(Long.class).single()).isEqualTo(events.size());
        try (Connection connection = dataSource.getConnection()) {
            assertThat(ChainVerifier.verify(userId, EventChainStore.events(connection, userId),
                    EventChainStore.links(connection, userId), EventChainStore.head(connection, userId)).brokenLink())
                    .isNull();
        }
    }

    private ConfigurableApplicationContext startSecondInstance() {
        List<String> arguments = new ArrayList<>();
        for (String name : List.of("spring.datasource.url", "spring.flyway.default-schema", "spring.flyway.schemas",
                "auth.secrets.pepper", "auth.secrets.seal-key-id", "auth.secrets.seal-keys." + TestSecrets.SEAL_KEY_ID,
                "auth.internal.credential", "auth.jwt.jwk-set-uri", "auth.jwt.issuer", "auth.jwt.audience",
                "auth.password.bcrypt-cost")) {
            arguments.add("--" + name + "=" + environment.getRequiredProperty(name));
        }
        arguments.add("--server.port=0");
        // Arguments, not default properties: those would lose to application.yml's placeholders.
        return new SpringApplicationBuilder(CommandServiceApplication.class).run(arguments.toArray(String[]::new));
    }

    @Test
    void ofConcurrentRegistrationsWithOneEmailExactlyOneSucceeds() throws Exception {
        String email = uniqueEmail();
        int racers = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String phone = uniquePhone();
            Callable<Integer> register = () -> {
                start.await();
                return post("/register", """
                        {"first_name": "Race", "last_name": "Condition", "email": "%s", "phone_number": "%s",
                         "password": "correct horse battery"}""".formatted(email, phone)).status();
            };
            statuses.add(pool.submit(register));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        List<Integer> results = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            results.add(status.get());
        }
        assertThat(results).filteredOn(status -> status == 200).hasSize(1);
        assertThat(results).filteredOn(status -> status == 409).hasSize(racers - 1);
        assertThat(jdbc.sql("SELECT count(*) FROM user_lookup WHERE kind = 'EMAIL' AND lookup_key = ?")
                .param(email).query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry "
                + "WHERE payload_type = ?").param(UserRegistered.class.getName()).query(Long.class).single())
                .isEqualTo(jdbc.sql("SELECT count(*) FROM user_lookup WHERE kind = 'EMAIL'")
                        .query(Long.class).single());
    }
}
