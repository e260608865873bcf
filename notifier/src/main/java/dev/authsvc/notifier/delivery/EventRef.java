package dev.authsvc.notifier.delivery;

import dev.authsvc.events.UserEventEnvelope;
import java.time.Instant;

/** The integration event a notification answers: what the notification table is keyed by (with the channel). */
public record EventRef(String eventId, String type, String userId, Instant occurredAt) {

    public static EventRef of(UserEventEnvelope envelope) {
        return new EventRef(envelope.eventId(), envelope.type(), envelope.userId(), envelope.occurredAt());
    }

    @Override
    public String toString() {
        return type + " event " + eventId;
    }
}
