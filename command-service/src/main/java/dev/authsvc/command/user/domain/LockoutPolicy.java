package dev.authsvc.command.user.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed logins lock the account, and the count goes on across locks (NIST 800-63B rev 4): every tenth failure in a
 * row locks it, for fifteen minutes the first time and twice as long each time after (15 min, 30 min, 1 h, ... 64 h),
 * and the hundredth stops password and code guessing for good, until the owner completes a password reset. Only a
 * successful login or a completed reset starts the count again; asking for a new code never does.
 *
 * <p>The same policy answers for identifiers that belong to no account ({@code UnknownLoginLockout}), so that a
 * known and an unknown email or phone number answer alike.
 */
public final class LockoutPolicy {

    /** Every this many failures in a row, the account locks. */
    public static final int FAILURES_PER_LOCK = 10;
    /** At this many failures in a row, the account stays locked until a password reset (NIST: at most 100). */
    public static final int FAILURES_UNTIL_RESET = 100;
    /** The first lock; each further lock lasts twice as long as the one before. */
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    /**
     * The {@code Retry-After} of a lock that only a reset lifts: a 429 always carries one, and a day is long enough
     * for a client not to hammer, while the problem's text says that only a reset helps.
     */
    public static final Duration UNTIL_RESET_RETRY_AFTER = Duration.ofDays(1);

    /** A lock: until a time, or ({@code until == null}) until the password is reset. */
    public record Lock(Instant until) {

        public boolean untilReset() {
            return until == null;
        }
    }

    /** What the failure that brought the count to {@code consecutiveFailures} locks, if anything. */
    public Optional<Lock> lockAfter(int consecutiveFailures, Instant now) {
        if (consecutiveFailures >= FAILURES_UNTIL_RESET) {
            return Optional.of(new Lock(null));
        }
        if (consecutiveFailures <= 0 || consecutiveFailures % FAILURES_PER_LOCK != 0) {
            return Optional.empty();
        }
        return Optional.of(new Lock(now.plus(lockDuration(consecutiveFailures / FAILURES_PER_LOCK))));
    }

    /** How long the {@code n}-th lock in a row lasts (1-based): 15 minutes doubled {@code n - 1} times. */
    public static Duration lockDuration(int n) {
        return LOCK_DURATION.multipliedBy(1L << Math.min(Math.max(n - 1, 0), 20));
    }

    /**
     * How long a lock still holds at {@code now}, as the {@code Retry-After} to answer: empty when there is none,
     * {@link #UNTIL_RESET_RETRY_AFTER} for a lock only a reset lifts.
     */
    public Optional<Duration> remainingLock(Instant lockedUntil, boolean untilReset, Instant now) {
        if (untilReset) {
            return Optional.of(UNTIL_RESET_RETRY_AFTER);
        }
        if (lockedUntil == null || !now.isBefore(lockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, lockedUntil));
    }

    /** The {@code Retry-After} of a lock just applied at {@code now}. */
    public Duration retryAfter(Lock lock, Instant now) {
        return lock.untilReset() ? UNTIL_RESET_RETRY_AFTER : Duration.between(now, lock.until());
    }
}
