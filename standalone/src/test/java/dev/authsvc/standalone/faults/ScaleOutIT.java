package dev.authsvc.standalone.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authsvc.testsupport.TestBrokers;
import dev.authsvc.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's scale-out, proved: two command-services and two query-services on one PostgreSQL database and one
 * broker. A user registered through one command-service logs in through the other side's query-service; refresh
 * tokens rotate across the query-services and a reused one ends the session on both. Then the command-service
 * holding the publisher's claim (Axon's {@code token_entry} row names its process) is killed (SIGKILL), and the
 * events of commands sent to the survivor reach the topic once the survivor has taken the claim over.
 * PostgreSQL only: two services cannot share an H2 file.
 */
class ScaleOutIT {

    /** Axon's JdbcTokenStore claim timeout (10 s) and a tracking processor's claim round (every 5 s). */
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CLAIM_INTERVAL = Duration.ofSeconds(5);
    /** A loaded 2-core machine: the survivor's claim round and the first send after it. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private FaultStack stack;
    private final List<ServiceJvm> services = new ArrayList<>();
    private String postgres;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(TestDatabase.postgres(), "ScaleOutIT needs PostgreSQL: set "
                + TestDatabase.POSTGRES_URL_VARIABLE + " (CI does); two services cannot share an H2 file");
        postgres = System.getenv(TestDatabase.POSTGRES_URL_VARIABLE);
        stack = new FaultStack(directory);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (ServiceJvm service : services) {
            service.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void twoOfEachServiceOnOneDatabase_sessionsHoldAcrossThem_andThePublisherMovesToTheSurvivor() throws Exception {
        String commandSchema = TestDatabase.newName();
        String querySchema = TestDatabase.newName();
        // The first of each creates its schema (Flyway); the second starts on it.
        int[] commandPorts = {TestBrokers.freePort(), TestBrokers.freePort()};
        int[] queryPorts = {TestBrokers.freePort(), TestBrokers.freePort()};
        ServiceJvm commandA = launch("command-service", commandPorts[0], command(commandPorts[0], commandSchema));
        ServiceJvm queryA = launch("query-service", queryPorts[0],
                query(queryPorts[0], querySchema, "http://127.0.0.1:" + commandPorts[0]));
        awaitHealthy(commandA, queryA);
        ServiceJvm commandB = launch("command-service", commandPorts[1], command(commandPorts[1], commandSchema));
        ServiceJvm queryB = launch("query-service", queryPorts[1],
                query(queryPorts[1], querySchema, "http://127.0.0.1:" + commandPorts[1]));
        awaitHealthy(commandB, queryB);

        // Registered through A, logged in through B (query-service B asks command-service B).
        String email = FaultStack.uniqueEmail();
        FaultStack.register(commandA, email, FaultStack.uniquePhone());
        JsonNode login = ok(queryB, "/login",
                "{\"email\": \"%s\", \"password\": \"correct horse battery\"}".formatted(email));
        String first = login.get("refresh_token").asText();

        // Refreshed alternately: each instance accepts the token the other issued, and rotates it.
        String second = refresh(queryA, first);
        String third = refresh(queryB, second);
        String fourth = refresh(queryA, third);
        assertThat(Set.of(first, second, third, fourth)).as("a new refresh token each time").hasSize(4);
        // An exchanged token presented again (not the newest's parent): a copy. The family ends on both.
        assertThat(refreshAnswer(queryB, second).statusCode()).as("reused token at B").isEqualTo(401);
        assertThat(refreshAnswer(queryA, fourth).statusCode()).as("newest token at A after the reuse")
                .isEqualTo(401);
        assertThat(refreshAnswer(queryB, fourth).statusCode()).as("newest token at B after the reuse")
                .isEqualTo(401);

        try (TopicKeys topic = new TopicKeys(stack.kafka())) {
            // Who publishes: the owner of the publisher's token is "<pid>@<host>".
            long ownerPid = await().atMost(Duration.ofSeconds(60)).until(() -> publisherOwner(commandSchema),
                    Optional::isPresent).orElseThrow();
            ServiceJvm holder = commandA.pid() == ownerPid ? commandA : commandB;
            ServiceJvm survivor = holder == commandA ? commandB : commandA;
            assertThat(holder.pid()).as("the claim is held by one of the two").isEqualTo(ownerPid);
            String before = FaultStack.register(survivor, FaultStack.uniqueEmail(), FaultStack.uniquePhone());
            await().atMost(Duration.ofSeconds(30)).until(() -> topic.seen(before));

            holder.kill();
            long killedAt = System.nanoTime();
            String after = FaultStack.register(survivor, FaultStack.uniqueEmail(), FaultStack.uniquePhone());
            Duration bound = CLAIM_TIMEOUT.plus(CLAIM_INTERVAL).plus(MARGIN);
            await().atMost(bound).pollInterval(Duration.ofMillis(100)).until(() -> topic.seen(after));
            Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
            assertThat(publisherOwner(commandSchema)).as("the survivor holds the claim now").contains(survivor.pid());
            System.out.printf("ScaleOutIT: the publisher moved to the survivor; its event reached the topic %d ms "
                    + "after the kill (claim timeout %d s)%n", takeover.toMillis(), CLAIM_TIMEOUT.toSeconds());
        }
    }

    private static String refresh(ServiceJvm queryService, String token) throws Exception {
        HttpResponse<String> answer = refreshAnswer(queryService, token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return FaultStack.JSON.readTree(answer.body()).get("refresh_token").asText();
    }

    private static HttpResponse<String> refreshAnswer(ServiceJvm queryService, String token) throws Exception {
        return FaultStack.post(queryService.url() + "/token/refresh", "{\"refresh_token\": \"%s\"}".formatted(token));
    }

    private static JsonNode ok(ServiceJvm service, String path, String json) throws Exception {
        HttpResponse<String> answer = FaultStack.post(service.url() + path, json);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return FaultStack.JSON.readTree(answer.body());
    }

    /** The process id in the owner column of the publisher's token, when a process holds it. */
    private Optional<Long> publisherOwner(String schema) throws Exception {
        try (Connection connection = DriverManager.getConnection(schemaUrl(schema));
                PreparedStatement statement = connection.prepareStatement("SELECT owner FROM token_entry "
                        + "WHERE processor_name = 'kafka-publisher' AND owner IS NOT NULL")) {
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(Long.parseLong(result.getString(1).split("@")[0]))
                        : Optional.empty();
            }
        }
    }

    private String schemaUrl(String schema) {
        return postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private Map<String, String> database(String prefix, String schema) {
        Map<String, String> settings = new HashMap<>();
        settings.put(prefix + "_DB_URL", schemaUrl(schema));
        settings.put("SPRING_FLYWAY_DEFAULT_SCHEMA", schema);
        settings.put("SPRING_FLYWAY_SCHEMAS", schema);
        settings.put("SPRING_FLYWAY_CREATE_SCHEMAS", "true");
        return settings;
    }

    private Map<String, String> command(int port, String schema) {
        Map<String, String> settings = database("COMMAND", schema);
        settings.put("COMMAND_SERVICE_PORT", Integer.toString(port));
        return settings;
    }

    private Map<String, String> query(int port, String schema, String commandService) {
        Map<String, String> settings = database("QUERY", schema);
        settings.put("QUERY_SERVICE_PORT", Integer.toString(port));
        settings.put("AUTH_COMMAND_SERVICE_URL", commandService);
        return settings;
    }

    private ServiceJvm launch(String jar, int port, Map<String, String> settings) throws Exception {
        Map<String, String> environment = stack.environment();
        environment.putAll(settings);
        ServiceJvm service = ServiceJvm.launch(jar, jar, port, directory, environment);
        services.add(service);
        return service;
    }

    private static void awaitHealthy(ServiceJvm... starting) throws Exception {
        Instant deadline = Instant.now().plus(ServiceJvm.START_TIMEOUT);
        for (ServiceJvm service : starting) {
            service.awaitHealthy(deadline);
        }
    }

    /** The keys of the records on the topic, read from the beginning without a consumer group. */
    private static final class TopicKeys implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final Set<String> keys = ConcurrentHashMap.newKeySet();

        TopicKeys(String bootstrapServers) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                    new StringDeserializer(), new StringDeserializer());
        }

        boolean seen(String key) {
            Set<TopicPartition> partitions = consumer.partitionsFor(GroupLag.TOPIC, Duration.ofSeconds(2)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).collect(Collectors.toSet());
            if (!partitions.equals(consumer.assignment())) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }
            consumer.poll(Duration.ofMillis(100)).forEach(record -> keys.add(record.key()));
            return keys.contains(key);
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(1));
        }
    }
}
