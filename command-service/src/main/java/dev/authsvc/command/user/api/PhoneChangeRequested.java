package dev.authsvc.command.user.api;

import java.time.Instant;

/** A code was sent to {@code newPhoneNumber}; the number becomes the user's once the code is confirmed. */
public record PhoneChangeRequested(String userId, String newPhoneNumber, String codeHash, SealedSecret sealedCode, Instant expiresAt, Instant requestedAt) {
}
