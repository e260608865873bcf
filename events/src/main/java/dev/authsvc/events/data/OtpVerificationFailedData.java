package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code data} of {@code OtpVerificationFailed}: a wrong code was tried; {@code purpose} is {@code LOGIN} or {@code PHONE_CHANGE}. */
public record OtpVerificationFailedData(
        @JsonProperty("purpose") String purpose,
        @JsonProperty("failed_tries") int failedTries,
        @JsonProperty("code_killed") boolean codeKilled) implements UserEventData {

    public static final String TYPE = "OtpVerificationFailed";
}
