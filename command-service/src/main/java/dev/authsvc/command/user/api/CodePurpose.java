package dev.authsvc.command.user.api;

/** Which pending code a try was made against: the login code, or the code sent to a new phone number. */
public enum CodePurpose {
    LOGIN, PHONE_CHANGE
}
