package dev.authsvc.command.user.api;

import java.time.Instant;

/** Too many failed logins in a row: logins are refused until {@code lockedUntil}. */
public record AccountLocked(String userId, Instant lockedUntil, Instant lockedAt) {
}
