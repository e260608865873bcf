package dev.authsvc.command.user.api;

import java.time.Instant;
import java.util.List;

/**
 * These sessions ended; {@code reason} is {@code password_reset}, {@code password_changed}, {@code logout}, or an
 * admin's.
 */
public record SessionsRevoked(String userId, List<String> sessionIds, String reason, Instant revokedAt) {
}
