package dev.authsvc.command.user.api;

import java.time.Instant;
import java.util.List;

/**
 * These sessions ended; {@code reason} is {@code password_reset}, {@code password_changed}, {@code logout},
 * {@code refresh_token_reuse} (a used refresh token of the session was presented again), or an
 * admin's.
 */
public record SessionsRevoked(String userId, List<String> sessionIds, String reason, Instant revokedAt) {
}
