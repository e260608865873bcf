package dev.authsvc.query.event;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.UserEventData;
import java.time.Instant;

/** One integration event as read from the topic: its envelope and its {@code data} as the contract's record. */
public record UserEvent(UserEventEnvelope envelope, UserEventData data) {

    public String userId() {
        return envelope.userId();
    }

    public long sequence() {
        return envelope.sequence();
    }

    public Instant occurredAt() {
        return envelope.occurredAt();
    }

    public String type() {
        return envelope.type();
    }
}
