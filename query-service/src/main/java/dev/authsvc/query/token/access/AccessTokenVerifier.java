package dev.authsvc.query.token.access;

import dev.authsvc.query.config.QueryProperties;
import dev.authsvc.query.token.key.SigningKeys;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.UnsupportedJwtException;
import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Verifies access tokens against this service's own keys: a signed JWT (so {@code alg=none} fails), alg ES256
 * only (no HMAC or RSA confusion), a {@code kid} from the JWK Set, this issuer, this audience, not expired
 * (30 s of leeway), with a subject and a session.
 */
@Component
public class AccessTokenVerifier {

    private static final String BEARER = "Bearer ";
    private static final long CLOCK_SKEW_SECONDS = 30;

    private final JwtParser parser;

    public AccessTokenVerifier(SigningKeys keys, Clock clock, QueryProperties properties) {
        this.parser = Jwts.parser()
                .keyLocator(new LocatorAdapter<Key>() {
                    @Override
                    protected Key locate(JwsHeader header) {
                        if (!"ES256".equals(header.getAlgorithm())) {
                            throw new UnsupportedJwtException("only ES256 is accepted");
                        }
                        return keys.verificationKey(header.getKeyId())
                                .orElseThrow(() -> new UnsupportedJwtException("unknown key id"));
                    }
                })
                .requireIssuer(properties.jwt().issuer())
                .requireAudience(properties.jwt().audience())
                .clock(() -> Date.from(clock.instant()))
                .clockSkewSeconds(CLOCK_SKEW_SECONDS)
                .build();
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

    public AccessTokenClaims verify(String token) {
        Claims claims;
        try {
            claims = parser.parseSignedClaims(token).getPayload();
        } catch (JwtException | IllegalArgumentException | ClassCastException e) {
            throw InvalidAccessTokenException.invalid();
        }
        String subject = claims.getSubject();
        String sessionId = claims.get("sid", String.class);
        if (subject == null || subject.isBlank() || sessionId == null || sessionId.isBlank()
                || claims.getExpiration() == null) {
            throw InvalidAccessTokenException.invalid();
        }
        Number authTime = claims.get("auth_time", Number.class);
        Object amr = claims.get("amr");
        Boolean phoneVerified = claims.get("phone_verified", Boolean.class);
        return new AccessTokenClaims(subject, sessionId, claims.getId(),
                instant(claims.getIssuedAt()), instant(claims.getExpiration()),
                authTime == null ? null : Instant.ofEpochSecond(authTime.longValue()),
                amr instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(),
                claims.get("role", String.class), claims.get("email", String.class),
                Boolean.TRUE.equals(phoneVerified));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
