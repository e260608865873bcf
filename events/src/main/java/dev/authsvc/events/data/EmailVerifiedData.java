package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code data} of {@code EmailVerified}: the user proved they own {@code email}. */
public record EmailVerifiedData(
        @JsonProperty("email") String email) implements UserEventData {

    public static final String TYPE = "EmailVerified";
}
