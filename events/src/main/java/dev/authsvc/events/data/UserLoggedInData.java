package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code data} of {@code UserLoggedIn}: a session started; {@code method} is {@code OTP} or {@code PASSWORD}. */
public record UserLoggedInData(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("method") String method) implements UserEventData {

    public static final String TYPE = "UserLoggedIn";
}
