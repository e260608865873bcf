package dev.authsvc.events;

/**
 * A record value that is not an event of {@value UserEventEnvelope#TOPIC} and never will be: not JSON, not an
 * envelope, or data that does not fit its type's record. The message says what is wrong and where (field names of
 * the contract), never the value's content, which may hold an email address or a phone number; there is no cause
 * for the same reason. Each consumer decides what follows (skip, dead-letter).
 */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message, null, false, false);
    }
}
