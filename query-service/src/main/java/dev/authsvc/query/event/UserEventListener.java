package dev.authsvc.query.event;

import dev.authsvc.events.UnreadableEventException;
import dev.authsvc.events.UserEventCodec;
import dev.authsvc.events.UserEventEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code auth.user-events.v1} (group {@code spring.kafka.consumer.group-id}, by default
 * {@code query-service}) a poll at a time: the records of one poll are applied in one database transaction, in
 * their order, and their offsets are committed only after it committed (the container's {@code batch} ack mode). A
 * crash in between redelivers the batch, which the per-user sequence then turns into no-ops. A failure to apply
 * (the database is down) rolls the whole batch back and the container's error handler applies it again with
 * back-off, holding the partitions, so no event is ever skipped; a record that can never be read is logged and
 * skipped.
 * <p>
 * One record per transaction cost every event a commit of the database and a synchronous offset commit: at
 * 200 events/s the consumer fell behind by seconds while its CPU stayed nearly idle.
 */
@Component
class UserEventListener {

    static final String LISTENER_ID = "user-events";

    private static final Logger log = LoggerFactory.getLogger(UserEventListener.class);

    private final UserEventProcessor processor;

    UserEventListener(UserEventProcessor processor) {
        this.processor = processor;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "${auth.events.topic:auth.user-events.v1}",
            batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        List<UserEventEnvelope> events = new ArrayList<>(records.size());
        int unreadable = 0;
        int unknownType = 0;
        for (ConsumerRecord<String, String> record : records) {
            Optional<UserEventEnvelope> event;
            try {
                event = UserEventCodec.read(record.value());
            } catch (UnreadableEventException e) {
                // Where, not what: the value may hold an email or a phone number (the message never quotes it).
                log.warn("Skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
                unreadable++;
                continue;
            }
            if (event.isEmpty()) {
                log.debug("Skipping record {}-{}@{}: an event type this service does not use",
                        record.topic(), record.partition(), record.offset());
                unknownType++;
            }
            event.ifPresent(events::add);
        }
        processor.process(events);
        // Counted once the batch committed: a batch applied again after a failure does not count its skips twice.
        processor.countSkipped(unreadable, unknownType);
    }
}
