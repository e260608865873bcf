package dev.authsvc.command.audit.application;

import tools.jackson.databind.JsonNode;

/**
 * A user's state at an instant, rebuilt by the aggregate from their events up to it: the last event applied
 * ({@code sequence}, {@code time}) and the state with secrets redacted.
 */
public record UserStateAt(String userId, String at, long sequence, String time, JsonNode state) {
}
