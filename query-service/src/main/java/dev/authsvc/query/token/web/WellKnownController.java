package dev.authsvc.query.token.web;

import dev.authsvc.query.config.QueryProperties;
import dev.authsvc.query.token.key.SigningKeys;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys tokens are verified with, and the issuer's metadata, for other services and clients. */
@RestController
class WellKnownController {

    /** Short, so a validator that does not refetch on an unknown kid still sees a new key soon. */
    static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic();

    private final SigningKeys keys;
    private final String issuer;

    WellKnownController(SigningKeys keys, QueryProperties properties) {
        this.keys = keys;
        this.issuer = properties.jwt().issuer().replaceAll("/+$", "");
    }

    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<String> jwks() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CACHE).body(keys.jwkSetJson());
    }

    @GetMapping("/.well-known/openid-configuration")
    ResponseEntity<Map<String, Object>> configuration() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("jwks_uri", issuer + "/.well-known/jwks.json");
        metadata.put("token_endpoint", issuer + "/token/refresh");
        metadata.put("userinfo_endpoint", issuer + "/me");
        metadata.put("revocation_endpoint", issuer + "/logout");
        metadata.put("grant_types_supported", List.of("refresh_token"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("ES256"));
        metadata.put("access_token_signing_alg_values_supported", List.of("ES256"));
        metadata.put("claims_supported", List.of("iss", "sub", "aud", "iat", "exp", "jti", "sid", "auth_time", "amr",
                "role", "email", "email_verified", "phone_verified"));
        return ResponseEntity.ok().cacheControl(CACHE).body(metadata);
    }
}
