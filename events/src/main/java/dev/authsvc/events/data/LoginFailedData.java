package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code data} of {@code LoginFailed}: a login attempt failed. */
public record LoginFailedData(
        @JsonProperty("method") String method,
        @JsonProperty("reason") String reason,
        @JsonProperty("consecutive_failures") int consecutiveFailures) implements UserEventData {

    public static final String TYPE = "LoginFailed";
}
