package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.events.seal.SealContext;
import java.time.Instant;

/** {@code data} of {@code OtpRequested}: a login code is to be sent by SMS; the code only sealed for the notifier. */
public record OtpRequestedData(
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("sealed_code") SealedValue sealedCode,
        @JsonProperty("expires_at") Instant expiresAt) implements UserEventData {

    public static final String TYPE = "OtpRequested";
    public static final String SEALED_FIELD = "sealed_code";

    /** The context its sealed value is bound to: the user and the number the code is sent to. */
    public static SealContext sealContext(String userId, String phoneNumber) {
        return new SealContext(userId, TYPE, SEALED_FIELD, phoneNumber);
    }
}
