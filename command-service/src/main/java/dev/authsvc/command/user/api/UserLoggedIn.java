package dev.authsvc.command.user.api;

import java.time.Instant;

/** A session started. */
public record UserLoggedIn(String userId, String sessionId, LoginMethod method, Instant loggedInAt) {
}
