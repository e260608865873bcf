package dev.authsvc.command.user.api;

import java.time.Instant;

/** The password was replaced through a reset link; every session ends with it (a SessionsRevoked follows). */
public record PasswordResetCompleted(String userId, String passwordHash, Instant completedAt) {
}
