package dev.authsvc.query.token.access;

import java.time.Instant;
import java.util.List;

/** What a verified access token says: who ({@code sub}), which session ({@code sid}) and the rest of its claims. */
public record AccessTokenClaims(
        String userId,
        String sessionId,
        String tokenId,
        Instant issuedAt,
        Instant expiresAt,
        Instant authTime,
        List<String> amr,
        String role,
        String email,
        boolean phoneVerified) {
}
