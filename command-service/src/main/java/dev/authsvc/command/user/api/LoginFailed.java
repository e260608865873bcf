package dev.authsvc.command.user.api;

import java.time.Instant;

/**
 * A login attempt failed; {@code consecutiveFailures} counts failures since the last success or lock. {@code reason}
 * is a short code such as {@code wrong_code}, {@code no_valid_code}, {@code wrong_password}, or
 * {@code wrong_current_password} for a wrong current password on an account update (a password guess too).
 */
public record LoginFailed(String userId, LoginMethod method, String reason, int consecutiveFailures, Instant failedAt) {
}
