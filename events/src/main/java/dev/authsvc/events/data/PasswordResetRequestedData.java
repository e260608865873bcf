package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** {@code data} of {@code PasswordResetRequested}: a reset link is to be mailed; the token only sealed for the notifier. */
public record PasswordResetRequestedData(
        @JsonProperty("email") String email,
        @JsonProperty("sealed_token") SealedValue sealedToken,
        @JsonProperty("expires_at") Instant expiresAt) implements UserEventData {

    public static final String TYPE = "PasswordResetRequested";
}
