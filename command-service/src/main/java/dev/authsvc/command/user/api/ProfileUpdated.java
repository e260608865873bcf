package dev.authsvc.command.user.api;

import java.time.Instant;

/** Names changed. */
public record ProfileUpdated(String userId, String firstName, String lastName, Instant updatedAt) {
}
