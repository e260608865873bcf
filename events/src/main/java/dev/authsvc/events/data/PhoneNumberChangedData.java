package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code data} of {@code PhoneNumberChanged}: the new number was confirmed; the user is to be told by mail. */
public record PhoneNumberChangedData(
        @JsonProperty("previous_phone_number") String previousPhoneNumber,
        @JsonProperty("phone_number") String phoneNumber) implements UserEventData {

    public static final String TYPE = "PhoneNumberChanged";
}
