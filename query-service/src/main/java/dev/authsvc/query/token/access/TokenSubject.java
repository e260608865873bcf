package dev.authsvc.query.token.access;

import java.time.Instant;

/**
 * Whom an access token is for and what it says about them.
 *
 * @param amr how the session was authenticated: {@code otp} or {@code pwd} (RFC 8176 names)
 */
public record TokenSubject(
        String userId,
        String sessionId,
        Instant authTime,
        String amr,
        String role,
        String email,
        boolean emailVerified,
        boolean phoneVerified) {
}
