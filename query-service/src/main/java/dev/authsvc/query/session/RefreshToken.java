package dev.authsvc.query.session;

import java.time.Instant;

/** One stored refresh token, by hash; {@code usedAt} and {@code childHash} are set once it was exchanged. */
record RefreshToken(
        String tokenHash,
        String sessionId,
        Instant issuedAt,
        Instant expiresAt,
        Instant usedAt,
        String childHash,
        String sealedChild) {

    boolean used() {
        return usedAt != null;
    }
}
