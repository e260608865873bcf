package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.events.seal.SealContext;
import java.time.Instant;

/** {@code data} of {@code PasswordResetRequested}: a reset link is to be mailed; the token only sealed for the notifier. */
public record PasswordResetRequestedData(
        @JsonProperty("email") String email,
        @JsonProperty("sealed_token") SealedValue sealedToken,
        @JsonProperty("expires_at") Instant expiresAt) implements UserEventData {

    public static final String TYPE = "PasswordResetRequested";
    public static final String SEALED_FIELD = "sealed_token";

    /** The context its sealed value is bound to: the user and the address the link is mailed to. */
    public static SealContext sealContext(String userId, String email) {
        return new SealContext(userId, TYPE, SEALED_FIELD, email);
    }
}
