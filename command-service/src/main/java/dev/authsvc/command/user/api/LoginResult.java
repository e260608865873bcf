package dev.authsvc.command.user.api;

import java.time.Duration;
import java.time.Instant;

/**
 * What a login attempt came to. On success {@code claims} holds what the query side puts in the tokens; on
 * failure {@code failure} says why and, for a locked account, {@code retryAfter} says for how long.
 */
public record LoginResult(
        String userId,
        String sessionId,
        Instant authTime,
        LoginMethod method,
        UserClaims claims,
        Failure failure,
        Duration retryAfter) {

    public enum Failure {
        /** Wrong, expired, used or missing code, or wrong password: one answer for all of them. */
        BAD_CREDENTIALS,
        /** Too many failures in a row: the account is locked until {@code retryAfter} has passed. */
        LOCKED
    }

    public static LoginResult success(String userId, String sessionId, Instant authTime, LoginMethod method,
            UserClaims claims) {
        return new LoginResult(userId, sessionId, authTime, method, claims, null, null);
    }

    public static LoginResult badCredentials(String userId) {
        return new LoginResult(userId, null, null, null, null, Failure.BAD_CREDENTIALS, null);
    }

    public static LoginResult locked(String userId, Duration retryAfter) {
        return new LoginResult(userId, null, null, null, null, Failure.LOCKED, retryAfter);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
