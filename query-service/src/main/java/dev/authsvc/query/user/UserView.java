package dev.authsvc.query.user;

import java.time.Instant;

/**
 * One row of {@code user_view}: a user as the events so far describe them.
 *
 * @param disabled whether an admin disabled the user ({@code UserDisabled}, until {@code UserEnabled})
 * @param disabledReason the admin's reason for it, while disabled
 */
public record UserView(
        String userId,
        String email,
        String phoneNumber,
        String firstName,
        String lastName,
        String role,
        boolean emailVerified,
        boolean phoneVerified,
        Instant lockedUntil,
        Instant sessionsRevokedBefore,
        Instant createdAt,
        Instant updatedAt,
        long lastSequence,
        boolean disabled,
        String disabledReason) {

    /** A user who is not disabled. */
    public UserView(String userId, String email, String phoneNumber, String firstName, String lastName, String role,
            boolean emailVerified, boolean phoneVerified, Instant lockedUntil, Instant sessionsRevokedBefore,
            Instant createdAt, Instant updatedAt, long lastSequence) {
        this(userId, email, phoneNumber, firstName, lastName, role, emailVerified, phoneVerified, lockedUntil,
                sessionsRevokedBefore, createdAt, updatedAt, lastSequence, false, null);
    }

    /** What the admin search's {@code status} filter calls the user at {@code now}. */
    public UserStatus status(Instant now) {
        if (disabled) {
            return UserStatus.DISABLED;
        }
        return lockedUntil != null && lockedUntil.isAfter(now) ? UserStatus.LOCKED : UserStatus.ACTIVE;
    }
}
