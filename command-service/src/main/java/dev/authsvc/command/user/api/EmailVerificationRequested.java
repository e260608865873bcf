package dev.authsvc.command.user.api;

import java.time.Instant;

/** A verification link was issued for {@code email}; only its HMAC and its sealed value are kept. */
public record EmailVerificationRequested(String userId, String email, String tokenHash, SealedSecret sealedToken, Instant expiresAt, Instant requestedAt) {
}
