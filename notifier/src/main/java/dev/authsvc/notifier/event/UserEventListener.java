package dev.authsvc.notifier.event;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the user-event topic in group {@code notifier}. The container commits a record's offset only after
 * this returns (ack mode {@code record}), that is after the notification's outcome is recorded; a failure goes to
 * the error handler, which retries transient ones with backoff and dead-letters the rest.
 */
@Component
class UserEventListener {

    private final UserEventHandler handler;

    UserEventListener(UserEventHandler handler) {
        this.handler = handler;
    }

    @KafkaListener(id = "notifier-user-events", idIsGroup = false, topics = "${notifier.topic}")
    void onUserEvent(ConsumerRecord<String, String> record) {
        handler.handle(record.value());
    }
}
