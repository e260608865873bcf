package dev.authsvc.query.token.access;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.authsvc.query.config.QueryProperties;
import dev.authsvc.query.token.key.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Verifies access tokens against this service's own keys, with the same library command-service verifies them
 * with (Spring Security's {@link NimbusJwtDecoder}): a signed JWT (so {@code alg=none} fails), alg ES256 only (no
 * HMAC or RSA confusion), a {@code kid} of this service's JWK Set, this issuer, this audience, not expired (30 s of
 * leeway), with a subject and a session.
 */
@Component
public class AccessTokenVerifier {

    private static final String BEARER = "Bearer ";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final NimbusJwtDecoder decoder;
    private final VerifiedTokenCache verified;

    public AccessTokenVerifier(SigningKeys keys, Clock clock, QueryProperties properties, VerifiedTokenCache verified) {
        this.verified = verified;
        this.decoder = NimbusJwtDecoder.withJwkSource(publishedKeys(keys))
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        JwtTimestampValidator lifetime = new JwtTimestampValidator(CLOCK_SKEW);
        lifetime.setClock(clock);
        lifetime.setAllowEmptyExpiryClaim(false);
        String audience = properties.jwt().audience();
        OAuth2TokenValidator<Jwt> addressedToUs = jwt -> jwt.getAudience() != null
                && jwt.getAudience().contains(audience)
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong audience", null));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                lifetime, new JwtIssuerValidator(properties.jwt().issuer()), addressedToUs));
    }

    /** The key the token's {@code kid} names, when it is one of ours; no {@code kid}, no key. */
    private static JWKSource<SecurityContext> publishedKeys(SigningKeys keys) {
        return (selector, context) -> {
            Set<String> kids = selector.getMatcher().getKeyIDs();
            if (kids == null || kids.size() != 1) {
                return List.of();
            }
            String kid = kids.iterator().next();
            return keys.verificationKey(kid)
                    .<JWK>map(key -> new ECKey.Builder(Curve.P_256, key)
                            .keyID(kid)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(JWSAlgorithm.ES256)
                            .build())
                    .map(jwk -> selector.select(new JWKSet(jwk)))
                    .orElse(List.of());
        };
    }

    /** Verifies the token in an {@code Authorization: Bearer ...} header. */
    public AccessTokenClaims verifyBearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw InvalidAccessTokenException.missing();
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw InvalidAccessTokenException.invalid();
        }
        return verify(authorization.substring(BEARER.length()).strip());
    }

    /** The claims of a valid token: from {@link VerifiedTokenCache} when this very token was verified before. */
    public AccessTokenClaims verify(String token) {
        String key = verified.keyOf(token);
        Optional<AccessTokenClaims> known = verified.find(key);
        if (known.isPresent()) {
            return known.get();
        }
        Jwt jwt = decode(token);
        AccessTokenClaims claims = claims(jwt);
        verified.put(key, claims, keyId(jwt));
        return claims;
    }

    private Jwt decode(String token) {
        try {
            return decoder.decode(token);
        } catch (JwtException | IllegalArgumentException | ClassCastException e) {
            throw InvalidAccessTokenException.invalid();
        }
    }

    private static String keyId(Jwt jwt) {
        return jwt.getHeaders().get("kid") instanceof String kid ? kid : null;
    }

    private static AccessTokenClaims claims(Jwt jwt) {
        String subject = jwt.getSubject();
        String sessionId;
        Number authTime;
        Boolean phoneVerified;
        try {
            sessionId = jwt.getClaimAsString("sid");
            authTime = jwt.getClaim("auth_time");
            phoneVerified = jwt.getClaim("phone_verified");
        } catch (ClassCastException e) {
            throw InvalidAccessTokenException.invalid();
        }
        if (subject == null || subject.isBlank() || sessionId == null || sessionId.isBlank()
                || jwt.getExpiresAt() == null) {
            throw InvalidAccessTokenException.invalid();
        }
        Object amr = jwt.getClaims().get("amr");
        return new AccessTokenClaims(subject, sessionId, jwt.getId(), jwt.getIssuedAt(), jwt.getExpiresAt(),
                authTime == null ? null : Instant.ofEpochSecond(authTime.longValue()),
                amr instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(),
                stringClaim(jwt, "role"), stringClaim(jwt, "email"), Boolean.TRUE.equals(phoneVerified));
    }

    /** A claim that must be a string when present (jjwt's {@code get(name, String.class)} refused other types). */
    private static String stringClaim(Jwt jwt, String name) {
        Object value = jwt.getClaims().get(name);
        if (value != null && !(value instanceof String)) {
            throw InvalidAccessTokenException.invalid();
        }
        return (String) value;
    }
}
