package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code data} of {@code LoginFailed}: a proof of the password or a code failed, at login or, with reason
 * {@code wrong_current_password}, on an account update; each counts toward the lockout.
 */
public record LoginFailedData(
        @JsonProperty("method") String method,
        @JsonProperty("reason") String reason,
        @JsonProperty("consecutive_failures") int consecutiveFailures) implements UserEventData {

    public static final String TYPE = "LoginFailed";
}
