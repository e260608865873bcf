package dev.authsvc.query.session;

import java.time.Instant;

/**
 * One stored refresh token, by its {@link RefreshTokenSecrets#key key} (column {@code token_hash}); {@code usedAt}
 * and {@code childKey} (column {@code child_hash}) are set once it was exchanged. A token issued by a rotation keeps
 * itself {@link RefreshTokenSecrets#sealChild sealed} for its parent's holder ({@code sealedChild}) until it is
 * exchanged in turn or the reuse grace period is over; null otherwise.
 */
record RefreshToken(
        String tokenKey,
        String sessionId,
        Instant issuedAt,
        Instant expiresAt,
        Instant usedAt,
        String childKey,
        String sealedChild) {

    boolean used() {
        return usedAt != null;
    }
}
