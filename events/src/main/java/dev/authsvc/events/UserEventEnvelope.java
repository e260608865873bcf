package dev.authsvc.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The envelope of every record on {@value #TOPIC}. The Kafka key is {@code userId}; {@code sequence} is the
 * per-user sequence number of the domain event, so consumers can apply events idempotently and in order. The
 * headers {@value #TYPE_HEADER} and {@value #SCHEMA_VERSION_HEADER} repeat those fields (UTF-8 text), so a
 * consumer can skip a type without parsing the value. {@code src/main/resources/asyncapi.yaml} describes it all.
 */
public record UserEventEnvelope(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("type") String type,
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("user_id") String userId,
        @JsonProperty("sequence") long sequence,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("data") Map<String, Object> data) {

    public static final String TOPIC = "auth.user-events.v1";
    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE_HEADER = "type";
    public static final String SCHEMA_VERSION_HEADER = "schema_version";

    public UserEventEnvelope {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(userId, "user_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative");
        }
        data = data == null ? Map.of() : copyInOrder(data);
    }

    /** An unmodifiable copy that keeps the fields in the order of the data record, for readers of the raw JSON. */
    private static Map<String, Object> copyInOrder(Map<String, Object> data) {
        Map<String, Object> copy = new LinkedHashMap<>();
        data.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "data field name"),
                Objects.requireNonNull(value, () -> "data field " + name)));
        return Collections.unmodifiableMap(copy);
    }
}
