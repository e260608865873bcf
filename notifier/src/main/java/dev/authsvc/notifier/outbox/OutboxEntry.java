package dev.authsvc.notifier.outbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One message kept by the dev outbox, as {@code GET /dev/outbox} lists it. {@code subject} is null for SMS. */
public record OutboxEntry(
        @JsonProperty("channel") String channel,
        @JsonProperty("to") String to,
        @JsonProperty("subject") String subject,
        @JsonProperty("body") String body,
        @JsonProperty("sent_at") Instant sentAt,
        @JsonProperty("event_id") String eventId) {

    /** The body holds a code or a link with a token: never shown here. */
    @Override
    public String toString() {
        return "OutboxEntry[" + channel + " for event " + eventId + "]";
    }
}
