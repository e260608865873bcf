package dev.authsvc.command.user.api;

import java.time.Instant;

/** The stored hash was upgraded to the current encoding at a successful login; the password is unchanged. */
public record PasswordRehashed(String userId, String passwordHash, Instant rehashedAt) {
}
