package dev.authsvc.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.events.data.UserEventData;
import dev.authsvc.events.data.UserEventTypes;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one writer and reader of {@value UserEventEnvelope#TOPIC} record values, for the publisher, the services'
 * consumers and any Java subscriber.
 *
 * <p>Writing: the contract's names come from {@code @JsonProperty} alone, times are ISO-8601 text, and absent
 * (null) values are left out. Reading follows what the contract promises for v1: a type missing from
 * {@link UserEventTypes} reads as empty (skip it), fields added later are ignored, a null field reads as absent,
 * and times written as epoch-second numbers are read too. Anything else that does not fit is an
 * {@link UnreadableEventException} whose message never quotes the value.
 */
public final class UserEventCodec {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // null = absent: a null count reads as an absent one would (0).
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private UserEventCodec() {
    }

    /** The envelope as the JSON text of a record's value. */
    public static String write(UserEventEnvelope envelope) {
        return JSON.writeValueAsString(envelope);
    }

    /**
     * @return the event with {@code data} as its type's record, or empty for a type this version of the contract
     *         does not know (added later within v1: skip it)
     * @throws UnreadableEventException when the value is not an envelope of v1 or its data does not fit the record
     */
    public static Optional<UserEventEnvelope> read(String value) {
        if (value == null || value.isBlank()) {
            throw new UnreadableEventException("the record has no value");
        }
        Wire wire = envelope(value);
        Optional<Class<? extends UserEventData>> dataType = UserEventTypes.dataType(wire.type());
        if (dataType.isEmpty()) {
            return Optional.empty();
        }
        UserEventData data = data(wire, dataType.get());
        try {
            return Optional.of(new UserEventEnvelope(wire.eventId(), wire.type(),
                    wire.schemaVersion() == null ? 0 : wire.schemaVersion(), wire.userId(), wire.sequence(),
                    wire.occurredAt(), data));
        } catch (IllegalArgumentException e) {
            // The envelope's own checks: their messages name fields, never values.
            throw new UnreadableEventException("not an event envelope: " + e.getMessage());
        }
    }

    private static Wire envelope(String value) {
        JsonNode tree;
        try {
            tree = JSON.readTree(value);
        } catch (JacksonException e) {
            throw new UnreadableEventException("the value is not JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (!(tree instanceof ObjectNode)) {
            throw new UnreadableEventException("the value is not a JSON object");
        }
        Wire wire;
        try {
            wire = JSON.treeToValue(tree, Wire.class);
        } catch (JacksonException e) {
            throw new UnreadableEventException("the envelope does not fit the contract at " + path(e) + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        require(wire.eventId(), "event_id");
        require(wire.type(), "type");
        require(wire.userId(), "user_id");
        require(wire.sequence(), "sequence");
        require(wire.occurredAt(), "occurred_at");
        return wire;
    }

    private static UserEventData data(Wire wire, Class<? extends UserEventData> type) {
        JsonNode data = wire.data() == null || wire.data().isNull() ? JSON.createObjectNode() : wire.data();
        if (!(data instanceof ObjectNode)) {
            throw new UnreadableEventException("data of " + wire.type() + " is not a JSON object");
        }
        try {
            return JSON.treeToValue(data, type);
        } catch (JacksonException e) {
            throw new UnreadableEventException("data of " + wire.type() + " does not fit " + type.getSimpleName()
                    + " at " + path(e) + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new UnreadableEventException("the envelope has no " + field);
        }
    }

    /** Where the failure is, as field names of the contract (the records ignore any other name). */
    private static String path(JacksonException e) {
        String path = e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "its root" : path;
    }

    /** The envelope as it is on the wire, before its type picks the record for {@code data}. */
    record Wire(
            @JsonProperty("event_id") String eventId,
            @JsonProperty("type") String type,
            @JsonProperty("schema_version") Integer schemaVersion,
            @JsonProperty("user_id") String userId,
            @JsonProperty("sequence") Long sequence,
            @JsonProperty("occurred_at") Instant occurredAt,
            @JsonProperty("data") JsonNode data) {
    }
}
