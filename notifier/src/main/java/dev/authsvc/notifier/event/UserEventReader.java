package dev.authsvc.notifier.event;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.UserEventData;
import dev.authsvc.notifier.delivery.PermanentDeliveryException;
import dev.authsvc.notifier.privacy.Masks;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads records of the user-event topic into the events module's types. Unknown fields are ignored (v1 grows
 * additively); an unreadable record is a permanent failure, so it goes to the dead-letter topic instead of
 * blocking its partition. Error messages name the problem, never the record's content.
 */
@Component
public class UserEventReader {

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public UserEventEnvelope read(String value) {
        if (value == null || value.isBlank()) {
            throw new PermanentDeliveryException("malformed event: the record has no value");
        }
        try {
            return json.readValue(value, UserEventEnvelope.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new PermanentDeliveryException("malformed event: " + Masks.scrub(messageOf(e)));
        }
    }

    public <T extends UserEventData> T data(UserEventEnvelope event, Class<T> type) {
        try {
            return json.convertValue(event.data(), type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new PermanentDeliveryException("malformed data in " + event.type() + " event " + event.eventId()
                    + ": " + Masks.scrub(messageOf(e)));
        }
    }

    private static String messageOf(Exception e) {
        String message = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
