package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code data} of {@code PhoneNumberRemoved}: the number no longer belongs to the account (no code login with it,
 * free for another account). {@code reason} is {@code password_reset} when a completed reset, which proves the
 * email, took off a number attached while the email was not verified. Sends nothing.
 */
public record PhoneNumberRemovedData(
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("reason") String reason) implements UserEventData {

    public static final String TYPE = "PhoneNumberRemoved";
}
