package dev.authsvc.command.user.api;

/**
 * What a completed password reset did besides setting the password: {@code removedPhoneNumber} is the number it
 * took off the account (see {@link PhoneNumberRemoved}), for the lookup table, or null.
 */
public record PasswordResetOutcome(String removedPhoneNumber) {
}
