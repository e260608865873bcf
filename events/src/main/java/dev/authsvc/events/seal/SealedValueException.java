package dev.authsvc.events.seal;

/** A sealed value could not be opened: its key id is unknown, or it was malformed or altered. Never carries the value. */
public class SealedValueException extends RuntimeException {

    public SealedValueException(String message) {
        super(message);
    }

    public SealedValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
