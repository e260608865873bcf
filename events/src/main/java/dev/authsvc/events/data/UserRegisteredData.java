package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code data} of {@code UserRegistered}: a user was created. No password hash: that never leaves the event store. */
public record UserRegisteredData(
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        @JsonProperty("email") String email,
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("role") String role) implements UserEventData {

    public static final String TYPE = "UserRegistered";
}
