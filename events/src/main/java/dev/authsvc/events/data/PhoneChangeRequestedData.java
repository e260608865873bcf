package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** {@code data} of {@code PhoneChangeRequested}: a code is to be sent to the new number; the number is not the user's until confirmed. */
public record PhoneChangeRequestedData(
        @JsonProperty("new_phone_number") String newPhoneNumber,
        @JsonProperty("sealed_code") SealedValue sealedCode,
        @JsonProperty("expires_at") Instant expiresAt) implements UserEventData {

    public static final String TYPE = "PhoneChangeRequested";
}
