package dev.authsvc.query.event;

import dev.authsvc.events.UnreadableEventException;
import dev.authsvc.events.UserEventCodec;
import dev.authsvc.events.UserEventEnvelope;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code auth.user-events.v1} (group {@code spring.kafka.consumer.group-id}, by default
 * {@code query-service}) and acknowledges each record only after its database transaction committed: a crash in
 * between redelivers the record, which the per-user sequence then turns into a no-op. A failure to apply (the
 * database is down) is retried with back-off by the container's error handler, holding the partition, so no
 * event is ever skipped; a record that can never be read is logged and skipped.
 */
@Component
class UserEventListener {

    static final String LISTENER_ID = "user-events";

    private static final Logger log = LoggerFactory.getLogger(UserEventListener.class);

    private final UserEventProcessor processor;

    UserEventListener(UserEventProcessor processor) {
        this.processor = processor;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "${auth.events.topic:auth.user-events.v1}")
    void on(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
        Optional<UserEventEnvelope> event;
        try {
            event = UserEventCodec.read(record.value());
        } catch (UnreadableEventException e) {
            // Where, not what: the value may hold an email or a phone number (the message never quotes it).
            log.warn("Skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            processor.countUnreadable();
            acknowledgment.acknowledge();
            return;
        }
        if (event.isEmpty()) {
            log.debug("Skipping record {}-{}@{}: an event type this service does not use",
                    record.topic(), record.partition(), record.offset());
            processor.countUnknownType();
        } else {
            processor.process(event.get());
        }
        acknowledgment.acknowledge();
    }
}
