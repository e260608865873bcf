package dev.authsvc.command.user.api;

import java.time.Instant;

/** The user proved they own {@code email}. */
public record EmailVerified(String userId, String email, Instant verifiedAt) {
}
