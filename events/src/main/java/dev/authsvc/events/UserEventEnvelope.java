package dev.authsvc.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.events.data.UserEventData;
import dev.authsvc.events.data.UserEventTypes;
import java.time.Instant;
import java.util.Objects;

/**
 * The envelope of every record on {@value #TOPIC}. The Kafka key is {@code userId}; {@code sequence} is the
 * per-user sequence number of the domain event, so consumers can apply events idempotently and in order. The
 * headers {@value #TYPE_HEADER} and {@value #SCHEMA_VERSION_HEADER} repeat those fields (UTF-8 text), so a
 * consumer can skip a type without parsing the value. {@code src/main/resources/asyncapi.yaml} describes it all.
 *
 * <p>{@code data} is the type's record from {@code dev.authsvc.events.data} ({@link UserEventTypes} names it), so
 * a Java subscriber reads an event with {@link UserEventCodec#read(String)} and dispatches on the record:
 * {@code if (event.data() instanceof OtpRequestedData otp) ...}. The constructor refuses a {@code type} that is not
 * the one of {@code data}'s record; {@link #of} derives it. Write the JSON with {@link UserEventCodec#write}.
 */
public record UserEventEnvelope(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("type") String type,
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("user_id") String userId,
        @JsonProperty("sequence") long sequence,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("data") UserEventData data) {

    public static final String TOPIC = "auth.user-events.v1";
    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE_HEADER = "type";
    public static final String SCHEMA_VERSION_HEADER = "schema_version";

    public UserEventEnvelope {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(userId, "user_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(data, "data");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative");
        }
        if (!type.equals(UserEventTypes.typeOf(data))) {
            throw new IllegalArgumentException("type " + type + " does not match data "
                    + data.getClass().getSimpleName());
        }
    }

    /** The envelope of {@code data} in the current schema version, its type named by {@link UserEventTypes}. */
    public static UserEventEnvelope of(String eventId, String userId, long sequence, Instant occurredAt,
            UserEventData data) {
        return new UserEventEnvelope(eventId, UserEventTypes.typeOf(data), SCHEMA_VERSION, userId, sequence,
                occurredAt, data);
    }
}
