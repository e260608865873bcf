package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code data} of {@code SessionsRevoked}: these sessions ended; {@code reason} is {@code password_reset} (every
 * session of the user has ended, listed or not), {@code password_changed}, {@code logout},
 * {@code refresh_token_reuse} (a used refresh token of the session was presented again), {@code admin} (an admin
 * ended them; also when an admin disabled the user, listing every live session) or {@code user} (the user ended one
 * of their own sessions).
 */
public record SessionsRevokedData(
        @JsonProperty("session_ids") List<String> sessionIds,
        @JsonProperty("reason") String reason) implements UserEventData {

    public static final String TYPE = "SessionsRevoked";
}
