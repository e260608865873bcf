package dev.authsvc.query.event;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.UserEventData;
import dev.authsvc.events.data.UserEventTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a record value of {@code auth.user-events.v1}: the {@link UserEventEnvelope} and its {@code data} as the
 * record {@link UserEventTypes} names for the type. Types added later within v1 are not an error: they read as
 * empty, and the caller skips them. Fields added later are ignored.
 */
@Component
public class UserEventReader {

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * @return the event, or empty for a type this service does not know
     * @throws UnreadableEventException when the value is not an envelope of v1 (it can never be applied)
     */
    public Optional<UserEvent> read(String value) {
        if (value == null) {
            throw new UnreadableEventException("the record has no value");
        }
        try {
            JsonNode tree = json.readTree(value);
            if (!(tree instanceof ObjectNode envelopeNode)) {
                throw new UnreadableEventException("the value is not a JSON object");
            }
            // The envelope copies data with Map.copyOf, which refuses nulls; a null field means "absent" here.
            if (envelopeNode.get("data") instanceof ObjectNode data) {
                removeNulls(data);
            }
            UserEventEnvelope envelope = json.treeToValue(envelopeNode, UserEventEnvelope.class);
            Optional<Class<? extends UserEventData>> type = UserEventTypes.dataType(envelope.type());
            if (type.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new UserEvent(envelope, json.convertValue(envelope.data(), type.get())));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            // Only the exception's type: its message may quote the value, which can hold an email or a phone.
            throw new UnreadableEventException("the value is not a readable event (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void removeNulls(ObjectNode node) {
        List<String> nulls = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getValue() == null || field.getValue().isNull()) {
                nulls.add(field.getKey());
            }
        }
        nulls.forEach(node::remove);
    }

    /** A record that can never become an event; it is logged and skipped, never retried. */
    public static class UnreadableEventException extends RuntimeException {

        public UnreadableEventException(String message) {
            super(message, null, false, false);
        }
    }
}
