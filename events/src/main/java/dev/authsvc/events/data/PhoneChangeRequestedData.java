package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.events.seal.SealContext;
import java.time.Instant;

/** {@code data} of {@code PhoneChangeRequested}: a code is to be sent to the new number; the number is not the user's until confirmed. */
public record PhoneChangeRequestedData(
        @JsonProperty("new_phone_number") String newPhoneNumber,
        @JsonProperty("sealed_code") SealedValue sealedCode,
        @JsonProperty("expires_at") Instant expiresAt) implements UserEventData {

    public static final String TYPE = "PhoneChangeRequested";
    public static final String SEALED_FIELD = "sealed_code";

    /** The context its sealed value is bound to: the user and the new number the code is sent to. */
    public static SealContext sealContext(String userId, String newPhoneNumber) {
        return new SealContext(userId, TYPE, SEALED_FIELD, newPhoneNumber);
    }
}
