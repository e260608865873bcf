package dev.authsvc.command.user.api;

import java.time.Instant;

/** The password was changed through update-account by the session {@code sessionId}, which stays; the others end. */
public record PasswordChanged(String userId, String passwordHash, String sessionId, Instant changedAt) {
}
