package dev.authsvc.command.user.api;

import java.time.Instant;

/** An admin gave the user another role; tokens carry it from the next refresh at the latest. */
public record RoleChanged(String userId, Role role, Role previousRole, Instant changedAt) {
}
