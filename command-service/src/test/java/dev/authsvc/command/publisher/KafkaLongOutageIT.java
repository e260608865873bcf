package dev.authsvc.command.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.testsupport.TestBrokers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The broker is gone for 20 s while 1 000 commands run: each is answered (200, or the 429 of its usual limit),
 * and once the same broker is back every event the commands stored reaches the topic, each user's in the order
 * stored, none lost. The broker stays away until every command is answered, and at least 20 s. The service talks
 * to a real (embedded KRaft) broker on a fixed port that the test stops and restarts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "auth.test.kafka=true",
    // Registration is not what is measured here: a cheap hash keeps the users' set-up short.
    "auth.password.bcrypt-cost=4",
    "spring.kafka.admin.operation-timeout=3s",
    "spring.kafka.admin.close-timeout=1s",
    "spring.kafka.producer.properties.max.block.ms=3000",
    "spring.kafka.producer.properties.request.timeout.ms=1000",
    "spring.kafka.producer.properties.delivery.timeout.ms=3000",
    "logging.level.org.apache.kafka=ERROR", "logging.level.kafka=WARN", "logging.level.state.change.logger=WARN"
})
@DirtiesContext
class KafkaLongOutageIT extends ApiTestSupport {

    private static final int KAFKA_PORT = TestBrokers.freePort();
    private static final String KAFKA = "127.0.0.1:" + KAFKA_PORT;
    private static final int USERS = 20;
    private static final int COMMANDS = 1_000;
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    /** No command may wait for the broker: far below the outage, with room for a loaded machine. */
    private static final Duration ANSWER = Duration.ofSeconds(5);
    /** Axon claims a released segment again after its back-off (1 s, doubling) at its next claim round (5 s). */
    private static final Duration ARRIVAL = Duration.ofSeconds(90);

    private static final EmbeddedKafkaKraftBroker BROKER = TestBrokers.startOnPort(KAFKA_PORT);

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> KAFKA);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.destroy();
    }

    private record User(String id, String email, String phone) {
    }

    private record Answer(String command, int status, String retryAfter, long nanos) {
    }

    @Test
    void brokerGoneFor20sDuring1000Commands_everyCommandAnswered_andEveryEventArrivesInOrderAfterwards()
            throws Exception {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String email = uniqueEmail();
            String phone = uniquePhone();
            users.add(new User(registerUser(email, phone, "correct horse battery"), email, phone));
        }
        try (TopicReader topic = new TopicReader(KAFKA)) {
            awaitEveryEventOf(users, topic);

            TestBrokers.stop(BROKER);
            long stoppedAt = System.nanoTime();
            List<Answer> answers = runCommands(users);
            Duration commandsTook = Duration.ofNanos(System.nanoTime() - stoppedAt);

            assertThat(answers).hasSize(COMMANDS).allSatisfy(answer -> {
                assertThat(answer.status()).as(answer.command()).isIn(200, 429);
                if (answer.status() == 429) {
                    assertThat(answer.retryAfter()).as("Retry-After of " + answer.command()).isNotBlank();
                }
                assertThat(Duration.ofNanos(answer.nanos())).as("answer time of " + answer.command())
                        .isLessThan(ANSWER);
            });
            assertThat(answers).as("commands that stored something").anyMatch(answer -> answer.status() == 200);
            // Every command ran while the broker was gone, and the outage lasts at least its 20 s.
            await().atMost(OUTAGE.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Duration.ofNanos(System.nanoTime() - stoppedAt).compareTo(OUTAGE) >= 0);

            TestBrokers.restart(BROKER);
            long restartedAt = System.nanoTime();
            awaitEveryEventOf(users, topic);
            System.out.printf("KafkaLongOutageIT: %d commands in %d ms with the broker gone; every event on the "
                    + "topic %d ms after the broker was back%n", COMMANDS, commandsTook.toMillis(),
                    Duration.ofNanos(System.nanoTime() - restartedAt).toMillis());
        }
    }

    /** Reset requests and code requests spread over the users, eight clients at a time. */
    private List<Answer> runCommands(List<User> users) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Answer>> pending = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                User user = users.get(i % users.size());
                boolean reset = i % 2 == 0;
                pending.add(clients.submit(() -> {
                    long start = System.nanoTime();
                    Response response = reset
                            ? post("/reset-password", "{\"email\": \"%s\"}".formatted(user.email()))
                            : post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(user.phone()));
                    return new Answer((reset ? "reset-password " : "send-otp ") + user.id(), response.status(),
                            response.raw().headers().firstValue("Retry-After").orElse(""),
                            System.nanoTime() - start);
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> answer : pending) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            clients.shutdownNow();
        }
    }

    private void awaitEveryEventOf(List<User> users, TopicReader topic) {
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            topic.poll();
            for (User user : users) {
                PublishedRecords.assertComplete(user.id(), events(user.id()), topic.recordsOf(user.id()));
            }
        });
    }
}
