package dev.authsvc.notifier.support;

import static org.awaitility.Awaitility.await;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.testsupport.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notifier as deployed: consuming {@code auth.user-events.v1} from the embedded broker, sending SMS through
 * the real Twilio SDK to the WireMock stand-in and mail over SMTP to GreenMail, on H2 or PostgreSQL. Every
 * subclass shares this one context; each test uses users of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class NotifierIntegrationTest {

    protected static final String TOPIC = UserEventEnvelope.TOPIC;
    protected static final String DEAD_LETTER_TOPIC = TOPIC + ".DLT";
    protected static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MeterRegistry meters;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void notifierProperties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        register(registry, TestKeys.properties());
        register(registry, TwilioStandIn.properties());
        register(registry, MailSink.properties());
        register(registry, fastRetries());
        registry.add("spring.kafka.bootstrap-servers", EventTopic::brokers);
        registry.add("notifier.public-base-url", () -> "https://auth.example.test");
        registry.add("notifier.product-name", () -> "Acme Auth");
    }

    /** Retries a tenth of a second apart, so a test sees them through in well under a second. */
    public static Map<String, String> fastRetries() {
        return Map.of(
                "notifier.retry.initial-interval", "100ms",
                "notifier.retry.multiplier", "2",
                "notifier.retry.max-interval", "400ms",
                "notifier.retry.max-retries", "3");
    }

    private static void register(DynamicPropertyRegistry registry, Map<String, String> properties) {
        properties.forEach((name, value) -> registry.add(name, () -> value));
    }

    protected static void publish(UserEventEnvelope event) {
        EventTopic.publish(TOPIC, event);
    }

    protected Optional<String> status(UserEventEnvelope event, String channel) {
        return jdbc.sql("SELECT status FROM notification WHERE event_id = ? AND channel = ?")
                .param(event.eventId())
                .param(channel)
                .query(String.class)
                .optional();
    }

    protected String detail(UserEventEnvelope event, String channel) {
        return jdbc.sql("SELECT detail FROM notification WHERE event_id = ? AND channel = ?")
                .param(event.eventId())
                .param(channel)
                .query(String.class)
                .single();
    }

    protected String awaitStatus(UserEventEnvelope event, String channel) {
        return await().atMost(WAIT).until(() -> status(event, channel), Optional::isPresent).orElseThrow();
    }

    protected double count(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
