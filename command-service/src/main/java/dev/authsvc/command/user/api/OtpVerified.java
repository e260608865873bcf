package dev.authsvc.command.user.api;

import java.time.Instant;

/** The current login code matched and is now used. */
public record OtpVerified(String userId, Instant verifiedAt) {
}
