package dev.authsvc.command.user.api;

import java.time.Instant;

/** An admin enabled a disabled user again; the sessions the disabling ended stay ended. */
public record UserEnabled(String userId, Instant enabledAt) {
}
