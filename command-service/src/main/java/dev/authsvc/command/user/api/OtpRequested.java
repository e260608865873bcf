package dev.authsvc.command.user.api;

import java.time.Instant;

/** A login code was issued for {@code phoneNumber}; it replaces any earlier code. */
public record OtpRequested(String userId, String phoneNumber, String codeHash, SealedSecret sealedCode, Instant expiresAt, Instant requestedAt) {
}
