package dev.authsvc.notifier.recipient;

import dev.authsvc.notifier.privacy.Masks;

/** A user's current addresses; either may be {@code null}. */
public record Recipient(String userId, String email, String phoneNumber) {

    @Override
    public String toString() {
        return "Recipient[" + userId + ", " + Masks.email(email) + ", " + Masks.phone(phoneNumber) + "]";
    }
}
