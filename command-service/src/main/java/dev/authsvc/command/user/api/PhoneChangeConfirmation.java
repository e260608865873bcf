package dev.authsvc.command.user.api;

/**
 * The answer to {@link ConfirmPhoneChangeCommand}: whether the code matched. A wrong code is an answer, not an
 * exception, because its {@code OtpVerificationFailed} must be stored. The lookup table follows the
 * {@link PhoneNumberChanged} event, not this answer.
 */
public record PhoneChangeConfirmation(boolean confirmed) {

    public static PhoneChangeConfirmation rightCode() {
        return new PhoneChangeConfirmation(true);
    }

    public static PhoneChangeConfirmation wrongCode() {
        return new PhoneChangeConfirmation(false);
    }
}
