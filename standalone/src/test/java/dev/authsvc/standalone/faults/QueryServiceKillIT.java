package dev.authsvc.standalone.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.testsupport.TestBrokers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * query-service is killed (SIGKILL) while users are registered and locked out, and started again on the same
 * database: its {@code user_view} ends identical, row for row and column for column, to the one a fresh
 * query-service builds from offset 0 of the topic into a database of its own (another consumer group). Then older
 * records of each user arrive again after newer ones, and change nothing. The services run as their own JVMs from the jars the standalone carries, on a real (embedded KRaft) broker.
 */
class QueryServiceKillIT {

    private static final Duration CONVERGENCE = Duration.ofSeconds(90);
    private static final String WRONG_PASSWORD = "{\"email\": \"%s\", \"password\": \"not the password\"}";

    @TempDir
    Path directory;

    private FaultStack stack;
    private final List<ServiceJvm> services = new ArrayList<>();
    private ServiceJvm commandService;
    private int users;

    @BeforeEach
    void start() {
        stack = new FaultStack(directory);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (ServiceJvm service : services) {
            service.close();
        }
        stack.close();
    }

    @Test
    void queryServiceKilledDuringUpdates_userViewEndsIdenticalToARebuildFromTheTopic() throws Exception {
        int commandPort = TestBrokers.freePort();
        commandService = started("command-service", commandPort, Map.of(
                "COMMAND_SERVICE_PORT", Integer.toString(commandPort),
                "COMMAND_DB_URL", stack.h2("command-service")));
        int queryPort = TestBrokers.freePort();
        Map<String, String> querySettings = querySettings(queryPort, "query-service", "query-service");
        ServiceJvm queryService = started("query-service", queryPort, querySettings);

        updates(15);
        await().atMost(CONVERGENCE).ignoreExceptions().until(() -> rows("query-service").size() >= 5);
        queryService.kill();
        updates(15);
        long restartedAt = System.nanoTime();
        started("query-service", queryPort, querySettings);
        long healthyAfter = Duration.ofNanos(System.nanoTime() - restartedAt).toMillis();
        updates(10);

        int rebuildPort = TestBrokers.freePort();
        started("query-service", rebuildPort, querySettings(rebuildPort, "rebuild", "rebuild"));
        try (GroupLag lag = new GroupLag(stack.kafka())) {
            await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(250))
                    .until(() -> lag.of("query-service") == 0 && lag.of("rebuild") == 0);
        }
        long convergedAfter = Duration.ofNanos(System.nanoTime() - restartedAt).toMillis();

        List<Map<String, String>> survivor = rows("query-service");
        assertThat(survivor).as("one row per registered user").hasSize(users);
        assertThat(survivor).as("user_view of the killed and restarted query-service")
                .containsExactlyElementsOf(rows("rebuild"));
        assertThat(survivor).as("lockouts applied").anyMatch(row -> row.get("LOCKED_UNTIL") != null);
        System.out.printf("QueryServiceKillIT: restarted query-service healthy after %d ms, user_view caught up "
                + "%d ms after the restart%n", healthyAfter, convergedAfter);

        // What a kill's redelivery cannot show: a redelivery replays the records after the last acknowledged one,
        // in order, and ends where it started with or without the sequence check. Copies of older records after
        // newer ones do (the publisher may send a record twice after a failed send): each user's events but its
        // last, once more. The view must not move.
        int copies = resendAllButTheLastOfEachUser();
        assertThat(copies).as("older records sent again").isGreaterThanOrEqualTo(users / 3);
        try (GroupLag lag = new GroupLag(stack.kafka())) {
            await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(250)).until(() -> lag.of("query-service") == 0);
        }
        assertThat(rows("query-service")).as("user_view after %d older records came again", copies)
                .containsExactlyElementsOf(survivor);
    }

    /** Sends each user's records of the topic again, but its last one, in their order and to their partition. */
    private int resendAllButTheLastOfEachUser() {
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byUser = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(GroupLag.TOPIC).stream()
                    .map(info -> new TopicPartition(GroupLag.TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    byUser.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), user -> new ArrayList<>())
                            .add(record);
                }
            }
        }
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (List<ConsumerRecord<byte[], byte[]>> records : byUser.values()) {
                for (ConsumerRecord<byte[], byte[]> record : records.subList(0, records.size() - 1)) {
                    producer.send(new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(),
                            record.headers()));
                    sent++;
                }
            }
            producer.flush();
        }
        return sent;
    }

    /** Registers {@code count} users; every third then fails its password ten times, which locks its account. */
    private void updates(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String email = FaultStack.uniqueEmail();
            FaultStack.register(commandService, email, FaultStack.uniquePhone());
            users++;
            if (users % 3 == 0) {
                for (int attempt = 0; attempt < 10; attempt++) {
                    HttpResponse<String> answer = FaultStack.HTTP.send(HttpRequest.newBuilder(
                            URI.create(commandService.url() + "/internal/verify/password"))
                            .timeout(Duration.ofSeconds(20))
                            .header("Content-Type", "application/json")
                            .header("X-Service-Credential", stack.environment().get("AUTH_INTERNAL_CREDENTIAL"))
                            .POST(HttpRequest.BodyPublishers.ofString(WRONG_PASSWORD.formatted(email))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).as(answer.body()).isIn(401, 429);
                }
            }
        }
    }

    private Map<String, String> querySettings(int port, String database, String group) {
        return Map.of(
                "QUERY_SERVICE_PORT", Integer.toString(port),
                "QUERY_DB_URL", stack.h2(database),
                "QUERY_CONSUMER_GROUP", group,
                "AUTH_COMMAND_SERVICE_URL", commandService.url());
    }

    /** Every row of {@code user_view}, ordered by user id, each column as text. */
    private List<Map<String, String>> rows(String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.h2(database));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM user_view ORDER BY user_id")) {
            ResultSetMetaData columns = result.getMetaData();
            List<Map<String, String>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    Object value = result.getObject(column);
                    row.put(columns.getColumnName(column), value == null ? null : value.toString());
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private ServiceJvm started(String jar, int port, Map<String, String> settings) throws Exception {
        Map<String, String> environment = stack.environment();
        environment.putAll(settings);
        ServiceJvm service = ServiceJvm.start(jar, jar, port, directory, environment);
        services.add(service);
        return service;
    }
}
