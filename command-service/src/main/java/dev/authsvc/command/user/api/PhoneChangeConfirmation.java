package dev.authsvc.command.user.api;

/**
 * The answer to {@link ConfirmPhoneChangeCommand}: whether the code matched and, if it did, the number the
 * user had before and the one they have now (the lookup table moves from one to the other). A wrong code is an
 * answer, not an exception, because its {@code OtpVerificationFailed} must be stored.
 */
public record PhoneChangeConfirmation(boolean confirmed, String previousPhoneNumber, String phoneNumber) {

    public static PhoneChangeConfirmation wrongCode() {
        return new PhoneChangeConfirmation(false, null, null);
    }
}
