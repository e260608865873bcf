package dev.authsvc.command.user.api;

import java.time.Duration;

/**
 * The answer to {@link UpdateAccountCommand}. A wrong {@code currentPassword} is an answer, not an exception:
 * it counts toward the lockout like a failed password login ({@link LoginFailed}, then {@link AccountLocked} at the
 * tenth in a row), and a thrown exception would roll those events back. Other refusals still throw
 * {@link UserCommandRejectedException}. For {@link Outcome#LOCKED}, {@code retryAfter} says for how long.
 */
public record AccountUpdateResult(Outcome outcome, Duration retryAfter) {

    public enum Outcome {
        UPDATED,
        /** The current password given is wrong; the failure was recorded and nothing changed. */
        WRONG_CURRENT_PASSWORD,
        /** The current password given is wrong and that failure locked the account; nothing changed. */
        LOCKED
    }

    public static AccountUpdateResult updated() {
        return new AccountUpdateResult(Outcome.UPDATED, null);
    }

    public static AccountUpdateResult wrongCurrentPassword() {
        return new AccountUpdateResult(Outcome.WRONG_CURRENT_PASSWORD, null);
    }

    public static AccountUpdateResult locked(Duration retryAfter) {
        return new AccountUpdateResult(Outcome.LOCKED, retryAfter);
    }
}
