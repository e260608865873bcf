package dev.authsvc.query.token.access;

import dev.authsvc.query.config.QueryProperties;
import dev.authsvc.query.token.key.SigningKey;
import dev.authsvc.query.token.key.SigningKeys;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues access tokens: JWTs signed ES256 with the active key (its {@code kid} in the header), valid
 * {@code auth.tokens.access-token-lifetime} (15 minutes), with the claims {@code iss sub aud iat exp jti sid
 * auth_time amr role email email_verified phone_verified} that command-service and other services read.
 */
@Component
public class AccessTokens {

    private final SigningKeys keys;
    private final Clock clock;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;

    public AccessTokens(SigningKeys keys, Clock clock, QueryProperties properties) {
        this.keys = keys;
        this.clock = clock;
        this.issuer = properties.jwt().issuer();
        this.audience = properties.jwt().audience();
        this.lifetime = properties.tokens().accessTokenLifetime();
    }

    public record IssuedAccessToken(String token, Duration lifetime) {

        @Override
        public String toString() {
            return "IssuedAccessToken[token=****]";
        }
    }

    public Duration lifetime() {
        return lifetime;
    }

    public IssuedAccessToken issue(TokenSubject subject) {
        SigningKey key = keys.active();
        Instant now = clock.instant();
        String token = Jwts.builder()
                .header().keyId(key.kid()).type("JWT").and()
                .issuer(issuer)
                .subject(subject.userId())
                .audience().add(audience).and()
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(lifetime)))
                .id(UUID.randomUUID().toString())
                .claim("sid", subject.sessionId())
                .claim("auth_time", subject.authTime().getEpochSecond())
                .claim("amr", List.of(subject.amr()))
                .claim("role", subject.role())
                .claim("email", subject.email())
                .claim("email_verified", subject.emailVerified())
                .claim("phone_verified", subject.phoneVerified())
                .signWith(key.privateKey(), Jwts.SIG.ES256)
                .compact();
        return new IssuedAccessToken(token, lifetime);
    }
}
