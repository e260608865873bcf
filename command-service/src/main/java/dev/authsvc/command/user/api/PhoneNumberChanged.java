package dev.authsvc.command.user.api;

import java.time.Instant;

/** The new number was confirmed with the code sent to it. */
public record PhoneNumberChanged(String userId, String previousPhoneNumber, String phoneNumber, Instant changedAt) {
}
