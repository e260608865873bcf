package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** {@code data} of {@code OtpRequested}: a login code is to be sent by SMS; the code only sealed for the notifier. */
public record OtpRequestedData(
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("sealed_code") SealedValue sealedCode,
        @JsonProperty("expires_at") Instant expiresAt) implements UserEventData {

    public static final String TYPE = "OtpRequested";
}
