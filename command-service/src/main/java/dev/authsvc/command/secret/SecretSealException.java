package dev.authsvc.command.secret;

/** A sealed value could not be opened: its key id is unknown, or it was altered. Never carries the value. */
public class SecretSealException extends RuntimeException {

    public SecretSealException(String message) {
        super(message);
    }

    public SecretSealException(String message, Throwable cause) {
        super(message, cause);
    }
}
