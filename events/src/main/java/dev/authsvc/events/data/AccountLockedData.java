package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * {@code data} of {@code AccountLocked}: logins are refused until {@code locked_until}, or, when
 * {@code until_password_reset} is true (a hundred failures in a row; {@code locked_until} is then absent), until the
 * password is reset; the user is to be told by mail. {@code until_password_reset} is absent from events published
 * before it existed: read it with {@link #untilReset()}, which takes absent for false.
 */
public record AccountLockedData(
        @JsonProperty("locked_until") Instant lockedUntil,
        @JsonProperty("until_password_reset") Boolean untilPasswordReset) implements UserEventData {

    public static final String TYPE = "AccountLocked";

    /** A lock for a time. */
    public AccountLockedData(Instant lockedUntil) {
        this(lockedUntil, false);
    }

    /** Whether only a password reset lifts the lock. */
    public boolean untilReset() {
        return Boolean.TRUE.equals(untilPasswordReset);
    }
}
