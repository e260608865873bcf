package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** {@code data} of {@code AccountLocked}: logins are refused until {@code locked_until}; the user is to be told by mail. */
public record AccountLockedData(
        @JsonProperty("locked_until") Instant lockedUntil) implements UserEventData {

    public static final String TYPE = "AccountLocked";
}
