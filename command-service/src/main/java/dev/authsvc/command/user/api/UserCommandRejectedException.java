package dev.authsvc.command.user.api;

import java.time.Duration;

/**
 * A command the aggregate refused without recording anything. The web layer maps {@link Reason} to a status:
 * see {@code ProblemDetailsAdvice}. The message is safe to show: it never holds a secret.
 */
public class UserCommandRejectedException extends RuntimeException {

    public enum Reason {
        /** 400: a value breaks a rule (password policy, role not self-assignable, nothing to change). */
        INVALID,
        /** 401: the session of the caller's token has ended, or the current password is wrong. */
        UNAUTHORIZED,
        /** 403: a change needing a recent login or the current password had neither. */
        REAUTHENTICATION_REQUIRED,
        /** 400: a token or code that is wrong, expired or already used. */
        INVALID_TOKEN,
        /** 429: a limit (OTP cooldown, hourly cap, lockout); see {@link #retryAfter()}. */
        TOO_MANY_REQUESTS,
        /** 409: the user already exists, or the change would leave no active admin. */
        CONFLICT,
        /** 404: the named thing (a session of the user) does not exist or has ended. */
        NOT_FOUND,
        /** 403: the caller may not do this (a disabled user, a token whose role is no longer the user's). */
        FORBIDDEN
    }

    private final Reason reason;
    private final String field;
    private final Duration retryAfter;

    public UserCommandRejectedException(Reason reason, String field, String message) {
        this(reason, field, message, null);
    }

    public UserCommandRejectedException(Reason reason, String field, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** The request field the rejection is about ({@code "password"}, {@code "role"}), or null. */
    public String field() {
        return field;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
