package dev.authsvc.command.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.testsupport.TestBrokers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka is not there, then goes away: commands are still answered at once, and every event reaches the topic
 * once a broker is back, none lost, each user's in order. The service is configured with a fixed broker address,
 * 127.0.0.1 on a port chosen before it starts, where the test starts a real (embedded KRaft) broker later, and
 * stops and restarts it. Each outage lasts until the publisher has seen a send fail, so the retry is what
 * delivers; the producer's timeouts are shorter than in production to get there sooner.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "auth.test.kafka=true",
    "spring.kafka.admin.operation-timeout=3s",
    "spring.kafka.admin.close-timeout=1s",
    "spring.kafka.producer.properties.max.block.ms=3000",
    "spring.kafka.producer.properties.request.timeout.ms=1000",
    "spring.kafka.producer.properties.delivery.timeout.ms=3000",
    "logging.level.org.apache.kafka=ERROR", "logging.level.kafka=WARN", "logging.level.state.change.logger=WARN"
})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class KafkaOutageIT extends ApiTestSupport {

    private static final int KAFKA_PORT = TestBrokers.freePort();
    private static final String KAFKA = "127.0.0.1:" + KAFKA_PORT;
    /** Below the 3 s that any wait on Kafka would take here: a command never waited for the broker. */
    private static final Duration PROMPT = Duration.ofSeconds(2);
    /** Axon claims a released segment again after its back-off (1 s, doubling) at its next claim round (5 s). */
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final String TOPIC_FAILURE = "could not create or check topic";
    private static final String SEND_FAILURE = "could not publish";

    private static EmbeddedKafkaKraftBroker broker;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> KAFKA);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.destroy();
        }
    }

    private record User(String id, String email) {
    }

    @Test
    void commandsNeverWaitForKafka_andEveryEventArrivesInOrderOnceABrokerIsBack(CapturedOutput log) {
        // No broker at all: the service has started, and answers commands at once (the first, which warms the
        // service up, is not timed).
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String email = uniqueEmail();
            String phone = uniquePhone();
            String id = i == 0
                    ? registerUser(email, phone, "correct horse battery")
                    : promptly(() -> registerUser(email, phone, "correct horse battery"));
            users.add(new User(id, email));
            assertThat(promptly(() -> post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(phone))).status())
                    .isEqualTo(200);
        }

        awaitPublisherFailure(log, TOPIC_FAILURE, 0);

        // A broker starts at the configured address: everything stored so far arrives.
        broker = TestBrokers.startOnPort(KAFKA_PORT);
        try (TopicReader topic = new TopicReader(KAFKA)) {
            awaitEveryEventOf(users, topic);

            // The broker stops; commands keep coming and are still answered at once.
            TestBrokers.stop(broker);
            int failuresBefore = count(log, SEND_FAILURE);
            for (User user : users) {
                assertThat(promptly(() -> post("/reset-password", "{\"email\": \"%s\"}".formatted(user.email())))
                        .status()).isEqualTo(200);
                assertThat(promptly(() -> post("/verify-email", "{\"token\": \"%s\"}"
                        .formatted(latestEmailToken(user.id())))).status()).isEqualTo(200);
                assertThat(promptly(() -> internalPost("/internal/verify/password",
                        "{\"email\": \"%s\", \"password\": \"correct horse battery\"}".formatted(user.email())))
                        .status()).isEqualTo(200);
            }

            awaitPublisherFailure(log, SEND_FAILURE, failuresBefore);

            // The same broker starts again on the same port: the events of the outage arrive too.
            TestBrokers.restart(broker);
            awaitEveryEventOf(users, topic);
        }
    }

    private void awaitEveryEventOf(List<User> users, TopicReader topic) {
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            topic.poll();
            for (User user : users) {
                PublishedRecords.assertComplete(user.id(), events(user.id()), topic.recordsOf(user.id()));
            }
        });
    }

    /** Waits until the publisher has failed once more with this message: a retry has to deliver the event. */
    private static void awaitPublisherFailure(CapturedOutput log, String message, int before) {
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(100)).until(() -> count(log, message) > before);
    }

    private static int count(CapturedOutput log, String message) {
        String text = log.getOut();
        int count = 0;
        for (int at = text.indexOf(message); at >= 0; at = text.indexOf(message, at + message.length())) {
            count++;
        }
        return count;
    }

    private static <T> T promptly(Supplier<T> command) {
        long start = System.nanoTime();
        T result = command.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answer time").isLessThan(PROMPT);
        return result;
    }
}
