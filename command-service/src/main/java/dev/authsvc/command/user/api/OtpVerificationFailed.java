package dev.authsvc.command.user.api;

import java.time.Instant;

/** A wrong code was tried against the current code; after {@code failedTries} reaches the limit the code is dead ({@code codeKilled}). */
public record OtpVerificationFailed(String userId, int failedTries, boolean codeKilled, Instant failedAt) {
}
