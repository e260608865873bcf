package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code data} of {@code RoleChanged}: an admin gave the user another role ({@code admin}, {@code manager},
 * {@code employee} or {@code auditor}); access tokens carry it from the next refresh at the latest.
 */
public record RoleChangedData(
        @JsonProperty("role") String role,
        @JsonProperty("previous_role") String previousRole) implements UserEventData {

    public static final String TYPE = "RoleChanged";
}
