package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code data} of {@code PasswordChanged}: the password was changed by session {@code session_id}, which stays; the user is to be told by mail. */
public record PasswordChangedData(
        @JsonProperty("session_id") String sessionId) implements UserEventData {

    public static final String TYPE = "PasswordChanged";
}
