package dev.authsvc.notifier.delivery;

import static dev.authsvc.notifier.support.TwilioStandIn.requestsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.notifier.support.EventTopic;
import dev.authsvc.notifier.support.Notifiers;
import dev.authsvc.testsupport.TestDatabase;
import dev.authsvc.notifier.support.UserEvents;
import dev.authsvc.notifier.support.UserEvents.User;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A notifier that stops after sending and recording a message but before committing the offset: the restarted
 * notifier receives the event again, on the same database, and sends nothing. The first notifier runs with ack
 * mode {@code manual} and never acknowledges, which is exactly "stopped before the commit".
 */
class RestartIT {

    private static final String TOPIC = "restart.user-events.v1";
    private static final String GROUP = "notifier-restart";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aNotifierStoppedAfterSendingButBeforeCommitting_sendsNothingMoreAfterRestart() {
        String database = TestDatabase.newName();
        User user = new User();
        UserEventEnvelope event = user.otpRequested(UserEvents.newCode());
        TopicPartition partition;

        try (ConfigurableApplicationContext first = start(database, "manual")) {
            RecordMetadata written = EventTopic.publish(TOPIC, event);
            partition = new TopicPartition(written.topic(), written.partition());

            await().atMost(WAIT).until(() -> status(first, event).isPresent());
            assertThat(status(first, event)).contains("SENT");
            assertThat(requestsTo(user.phoneNumber)).hasSize(1);
            assertThat(EventTopic.committedOffsets(GROUP)).doesNotContainKey(partition);
        }

        try (ConfigurableApplicationContext second = start(database, "record")) {
            await().atMost(WAIT).until(() -> duplicatesSkipped(second) >= 1);
            await().atMost(WAIT).until(() -> EventTopic.committedOffsets(GROUP).containsKey(partition));

            assertThat(requestsTo(user.phoneNumber)).hasSize(1);
            assertThat(status(second, event)).contains("SENT");
        }
    }

    private static ConfigurableApplicationContext start(String database, String ackMode) {
        Map<String, String> settings = new LinkedHashMap<>(TestDatabase.properties(database));
        settings.put("spring.kafka.listener.ack-mode", ackMode);
        return Notifiers.start(TOPIC, GROUP, settings);
    }

    private static Optional<String> status(ConfigurableApplicationContext context, UserEventEnvelope event) {
        return context.getBean(JdbcClient.class)
                .sql("SELECT status FROM notification WHERE event_id = ? AND channel = 'sms'")
                .param(event.eventId())
                .query(String.class)
                .optional();
    }

    private static double duplicatesSkipped(ConfigurableApplicationContext context) {
        Counter counter = context.getBean(MeterRegistry.class).find("notifier.notifications.skipped")
                .tags("reason", "duplicate", "channel", "sms").counter();
        return counter == null ? 0 : counter.count();
    }
}
