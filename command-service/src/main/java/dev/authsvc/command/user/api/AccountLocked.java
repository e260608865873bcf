package dev.authsvc.command.user.api;

import java.time.Instant;

/**
 * Too many failed logins in a row: logins are refused until {@code lockedUntil}, or, when
 * {@code untilPasswordReset} (a hundred failures in a row; {@code lockedUntil} is then null), until the password is
 * reset.
 */
public record AccountLocked(String userId, Instant lockedUntil, Instant lockedAt, boolean untilPasswordReset) {

    /** A lock for a time, as every lock was before locks until reset existed. */
    public AccountLocked(String userId, Instant lockedUntil, Instant lockedAt) {
        this(userId, lockedUntil, lockedAt, false);
    }
}
