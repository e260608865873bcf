package dev.authsvc.command.user.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Ten failed logins in a row lock the account for fifteen minutes. The count starts again after a successful login
 * and when a lock is applied; asking for a new code never resets it (NIST 800-63B rev 4).
 */
public final class LockoutPolicy {

    public static final int MAX_CONSECUTIVE_FAILURES = 10;
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);

    /** Whether the failure that brought the count to {@code consecutiveFailures} locks the account. */
    public boolean locks(int consecutiveFailures) {
        return consecutiveFailures >= MAX_CONSECUTIVE_FAILURES;
    }

    public Instant lockedUntil(Instant lockedAt) {
        return lockedAt.plus(LOCK_DURATION);
    }

    /** How long a lock ending at {@code lockedUntil} still holds at {@code now}; empty when there is none. */
    public Optional<Duration> remainingLock(Instant lockedUntil, Instant now) {
        if (lockedUntil == null || !now.isBefore(lockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, lockedUntil));
    }
}
