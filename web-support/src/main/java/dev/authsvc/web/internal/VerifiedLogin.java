package dev.authsvc.web.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * command-service's answer to query-service's {@code POST /internal/verify/otp} or {@code /password} for a right
 * credential: the new session and the user's current claims. Declared once, here, for both sides of the call;
 * {@code amr} is {@code otp} or {@code pwd}.
 */
public record VerifiedLogin(
        @JsonProperty("user_id") String userId,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("auth_time") Instant authTime,
        @JsonProperty("amr") String amr,
        @JsonProperty("claims") Claims claims) {

    /** The problem member that says why a verification was refused, so the caller never reads the sentence. */
    public static final String REFUSAL_CODE = "code";
    /** {@link #REFUSAL_CODE} of the 401 for a wrong credential of the user's (not a refused service credential). */
    public static final String BAD_CREDENTIALS = "bad_credentials";

    public record Claims(
            @JsonProperty("email") String email,
            @JsonProperty("phone_number") String phoneNumber,
            @JsonProperty("role") String role,
            @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName,
            @JsonProperty("email_verified") boolean emailVerified,
            @JsonProperty("phone_verified") boolean phoneVerified) {
    }

    /** Whether everything a token needs is there. */
    public boolean complete() {
        return userId != null && !userId.isBlank() && sessionId != null && !sessionId.isBlank() && authTime != null
                && amr != null && claims != null && claims.role() != null;
    }
}
