package dev.authsvc.command.user.infrastructure;

/** What a {@link UserLookup} key is: an email, a phone number, or the HMAC of a pending mailed token. */
public enum LookupKind {
    EMAIL, PHONE, RESET_TOKEN, EMAIL_TOKEN
}
