package dev.authsvc.command.user.api;

import java.time.Instant;

/**
 * The phone number no longer belongs to the account: it cannot log in with a code any more, and it is free for
 * another account. {@code reason} is a short code: {@code password_reset} when a completed reset (proof of the
 * email) removed a number that was attached while the email was not verified.
 */
public record PhoneNumberRemoved(String userId, String phoneNumber, String reason, Instant removedAt) {
}
