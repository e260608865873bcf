package dev.authsvc.query.user;

import java.time.Instant;

/** One row of {@code user_view}: a user as the events so far describe them. */
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
        long lastSequence) {
}
