package dev.authsvc.command.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Access tokens another {@link JwtDecoder} has accepted, so a token presented again is not verified again (an ES256
 * verification, with its claims, was about a seventh of command-service's CPU per {@code PUT /update-account}).
 * <ul>
 *   <li>Keyed by the SHA-256 of the whole token: a token differing in any character is another key and is verified
 *   on its own; no token is kept in memory.</li>
 *   <li>An entry is served only while this service's clock is before the token's {@code exp} (verification would
 *   allow leeway past it; the cache allows none) and for at most {@link #MAX_AGE} after it was verified, so a key
 *   withdrawn from the JWK Set stops being trusted about as soon as the JWK Set's own cache lets it go.</li>
 *   <li>Refusals are never remembered: a bad token is checked, and refused, each time.</li>
 *   <li>It saves the verification only. Whether the caller's session goes on is decided where it was before: the
 *   user's aggregate refuses a command of a session that ended, whatever the token.</li>
 *   <li>Bounded by {@code auth.jwt.verified-cache-size} entries ({@code 0} turns it off).</li>
 * </ul>
 */
public final class VerifiedJwtCache implements JwtDecoder {

    /** How long a verification is trusted at most, whatever the token's lifetime. */
    static final Duration MAX_AGE = Duration.ofSeconds(60);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private record Verified(Jwt jwt, Instant until) {
    }

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Verified> verified;

    public VerifiedJwtCache(JwtDecoder verifier, Clock clock, long size) {
        if (size < 0) {
            throw new IllegalArgumentException(
                    "auth.jwt.verified-cache-size (AUTH_JWT_VERIFIED_CACHE_SIZE) must be 0 (off) or more, not " + size);
        }
        this.verifier = verifier;
        this.clock = clock;
        // Caffeine's timer only frees the memory; what is served is decided by the clock (decode).
        this.verified = size == 0 ? null : Caffeine.newBuilder().maximumSize(size).expireAfterWrite(MAX_AGE).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        if (verified == null) {
            return verifier.decode(token);
        }
        String key = keyOf(token);
        Instant now = clock.instant();
        Verified known = verified.getIfPresent(key);
        if (known != null && now.isBefore(known.until())) {
            return known.jwt();
        }
        Jwt jwt = verifier.decode(token);
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt != null && now.isBefore(expiresAt)) {
            Instant maxAge = now.plus(MAX_AGE);
            verified.put(key, new Verified(jwt, expiresAt.isBefore(maxAge) ? expiresAt : maxAge));
        }
        return jwt;
    }

    private static String keyOf(String token) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
