package dev.authsvc.query.login;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** command-service's answer for a right credential: the new session and the user's current claims. */
record VerifiedLogin(
        @JsonProperty("user_id") String userId,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("auth_time") Instant authTime,
        @JsonProperty("amr") String amr,
        @JsonProperty("claims") Claims claims) {

    record Claims(
            @JsonProperty("email") String email,
            @JsonProperty("phone_number") String phoneNumber,
            @JsonProperty("role") String role,
            @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName,
            @JsonProperty("email_verified") boolean emailVerified,
            @JsonProperty("phone_verified") boolean phoneVerified) {
    }

    boolean complete() {
        return userId != null && !userId.isBlank() && sessionId != null && !sessionId.isBlank() && authTime != null
                && amr != null && claims != null && claims.role() != null;
    }
}
