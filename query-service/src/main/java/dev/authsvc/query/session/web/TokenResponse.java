package dev.authsvc.query.session.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.query.session.Sessions.TokenPair;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;

/** The answer of {@code /login} and {@code /token/refresh}: the seed's {@code message} and {@code access_token}, and more. */
public record TokenResponse(
        @JsonProperty("message") String message,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    /** 200 with the tokens, never cached (RFC 6749, 5.1). */
    public static ResponseEntity<TokenResponse> ok(String message, TokenPair tokens) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(new TokenResponse(message, tokens.accessToken(), tokens.refreshToken(), "Bearer",
                        tokens.expiresIn().toSeconds()));
    }

    @Override
    public String toString() {
        return "TokenResponse[message=" + message + ", tokens=****]";
    }
}
