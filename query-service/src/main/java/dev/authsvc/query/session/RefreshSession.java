package dev.authsvc.query.session;

import java.time.Instant;

/**
 * A refresh-token family: one login session and the claims it started with.
 *
 * @param clientAddress the login's client address as this service resolved it (from a trusted proxy's
 *     {@code X-Forwarded-For}), or null
 * @param userAgent the login's {@code User-Agent}, cut to {@link #USER_AGENT_MAX} characters, or null
 */
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
        String revokedReason,
        String clientAddress,
        String userAgent) {

    static final int CLIENT_ADDRESS_MAX = 64;
    static final int USER_AGENT_MAX = 512;

    boolean revoked() {
        return revokedAt != null;
    }
}
