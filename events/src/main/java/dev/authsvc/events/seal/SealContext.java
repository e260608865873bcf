package dev.authsvc.events.seal;

import java.util.List;

/**
 * What a sealed code or token is for: the user it was issued to, the event type that carries it, the data field it
 * sits in, and the address or number it is to be delivered to. Sealing binds the value to this context as AES-GCM
 * associated data, so a copy of it placed in another event (another user, type, field or recipient) no longer
 * opens. Each event type carries one kind of secret, so type and field together name its purpose.
 */
public record SealContext(String userId, String eventType, String field, String recipient) {

    public SealContext {
        for (String part : new String[] {userId, eventType, field, recipient}) {
            if (part == null || part.isBlank()) {
                throw new SealedValueException("a seal context needs its user id, event type, field and recipient");
            }
        }
    }

    /** The parts in the order they enter the associated data. */
    List<String> parts() {
        return List.of(userId, eventType, field, recipient);
    }
}
