package dev.authsvc.command.user.api;

import java.time.Instant;

/**
 * A wrong code was tried against the pending code of {@code purpose}; once {@code failedTries} reaches the
 * limit the code is dead ({@code codeKilled}).
 */
public record OtpVerificationFailed(String userId, CodePurpose purpose, int failedTries, boolean codeKilled,
        Instant failedAt) {
}
