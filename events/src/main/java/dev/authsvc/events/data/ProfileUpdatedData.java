package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code data} of {@code ProfileUpdated}: names changed. */
public record ProfileUpdatedData(
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName) implements UserEventData {

    public static final String TYPE = "ProfileUpdated";
}
