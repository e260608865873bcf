package dev.authsvc.command.user.api;

import java.time.Instant;
import java.util.List;

/**
 * These sessions ended; {@code reason} is {@code password_reset}, {@code password_changed}, {@code logout},
 * {@code refresh_token_reuse} (a used refresh token of the session was presented again), {@code admin} (an admin
 * ended them, or disabled the user) or {@code user} (the user ended one of their own sessions).
 */
public record SessionsRevoked(String userId, List<String> sessionIds, String reason, Instant revokedAt) {
}
