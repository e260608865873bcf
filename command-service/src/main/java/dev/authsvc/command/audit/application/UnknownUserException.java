package dev.authsvc.command.audit.application;

/** No stored event belongs to this user id (or none by the instant asked for). */
public class UnknownUserException extends RuntimeException {

    public UnknownUserException(String message) {
        super(message, null, false, false);
    }
}
