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
        LOCKED,
        /** A hundred failures in a row: the account stays locked until its password is reset. */
        LOCKED_UNTIL_RESET,
        /**
         * The password was right, but the email is not verified and the service requires it for password logins
         * ({@code auth.login.require-verified-email}). Only ever told to whoever gave the right password.
         */
        EMAIL_NOT_VERIFIED,
        /**
         * The password was right, but an admin disabled the account. Only ever told to whoever gave the right
         * password (a wrong one is a failure as for any account).
         */
        DISABLED
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

    /** Locked until a password reset; {@code retryAfter} is the advisory wait a 429 must carry. */
    public static LoginResult lockedUntilReset(String userId, Duration retryAfter) {
        return new LoginResult(userId, null, null, null, null, Failure.LOCKED_UNTIL_RESET, retryAfter);
    }

    public static LoginResult emailNotVerified(String userId) {
        return new LoginResult(userId, null, null, null, null, Failure.EMAIL_NOT_VERIFIED, null);
    }

    public static LoginResult disabled(String userId) {
        return new LoginResult(userId, null, null, null, null, Failure.DISABLED, null);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
