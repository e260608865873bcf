package dev.authsvc.query.session;

import java.time.Instant;

/**
 * One stored refresh token, by its {@link RefreshTokenSecrets#key key} (column {@code token_hash}); {@code usedAt}
 * and {@code childKey} (column {@code child_hash}) are set once it was exchanged.
 */
record RefreshToken(
        String tokenKey,
        String sessionId,
        Instant issuedAt,
        Instant expiresAt,
        Instant usedAt,
        String childKey) {

    boolean used() {
        return usedAt != null;
    }
}
