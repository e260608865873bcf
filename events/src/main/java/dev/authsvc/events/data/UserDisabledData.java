package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code data} of {@code UserDisabled}: an admin disabled the account, for {@code reason}. The user cannot log in by
 * any method and every token of theirs is refused until a {@code UserEnabled}; a {@code SessionsRevoked} (reason
 * {@code admin}) listing every live session follows.
 */
public record UserDisabledData(@JsonProperty("reason") String reason) implements UserEventData {

    public static final String TYPE = "UserDisabled";
}
