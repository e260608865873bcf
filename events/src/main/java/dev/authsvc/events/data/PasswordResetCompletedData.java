package dev.authsvc.events.data;

/** {@code data} of {@code PasswordResetCompleted}: the password was reset; every session of the user has ended (a SessionsRevoked follows). */
public record PasswordResetCompletedData() implements UserEventData {

    public static final String TYPE = "PasswordResetCompleted";
}
