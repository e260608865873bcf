package dev.authsvc.query.session;

import java.time.Instant;

/** A refresh-token family: one login session and the claims it started with. */
record RefreshSession(
        String sessionId,
        String userId,
        Instant authTime,
        String amr,
        String role,
        String email,
        boolean phoneVerified,
        Instant createdAt,
        Instant revokedAt,
        String revokedReason) {

    boolean revoked() {
        return revokedAt != null;
    }
}
