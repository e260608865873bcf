package dev.authsvc.query.token.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.authsvc.query.config.QueryProperties;
import dev.authsvc.query.token.key.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Access tokens whose signature and claims {@link AccessTokenVerifier} has already checked, so the same token is not
 * verified again (an ES256 verification costs about 1/1,200 s of a core on Java 17) on each request.
 * <ul>
 *   <li>Keyed by the SHA-256 of the whole token: a token differing in any character is another key, and no token
 *   is kept in memory.</li>
 *   <li>An entry is served only while this service's clock is before the token's {@code exp}: never longer than
 *   verification would accept it (which allows 30 s of leeway past {@code exp}; the cache allows none), and only
 *   while the key that signed it ({@code kid}) is still published.</li>
 *   <li>Bounded by {@code auth.tokens.verified-cache-size} entries (0 turns the cache off).</li>
 *   <li>It saves the verification only: whether the session goes on and the user is not disabled is still read
 *   from the shared database on every request ({@code Callers.live}), so a session ended on any instance refuses
 *   its tokens at once. A session ended on this instance also drops its entries ({@link #forgetSession},
 *   {@link #forgetUser}).</li>
 * </ul>
 */
@Component
public class VerifiedTokenCache {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private record Verified(AccessTokenClaims claims, String kid) {
    }

    private final Cache<String, Verified> cache;
    private final SigningKeys keys;
    private final Clock clock;

    @Autowired
    public VerifiedTokenCache(SigningKeys keys, Clock clock, QueryProperties properties) {
        this(keys, clock, properties.tokens().verifiedCacheSize());
    }

    VerifiedTokenCache(SigningKeys keys, Clock clock, long size) {
        this.keys = keys;
        this.clock = clock;
        this.cache = size <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(size)
                // The timer's own bound; what is served is decided by the service's clock (find).
                .expireAfter(Expiry.<String, Verified>creating((key, verified) -> timeLeft(verified.claims())))
                .build();
    }

    /** The cache key of {@code token}: its SHA-256, base64url. */
    String keyOf(String token) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of the token with this key, when it was verified, has not expired and its key is published. */
    Optional<AccessTokenClaims> find(String key) {
        if (cache == null) {
            return Optional.empty();
        }
        Verified verified = cache.getIfPresent(key);
        if (verified == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(verified.claims().expiresAt()) || !keys.publishes(verified.kid())) {
            cache.invalidate(key);
            return Optional.empty();
        }
        return Optional.of(verified.claims());
    }

    /** Remembers a token that was just verified, signed with key {@code kid}. */
    void put(String key, AccessTokenClaims claims, String kid) {
        if (cache != null && kid != null && !timeLeft(claims).isZero()) {
            cache.put(key, new Verified(claims, kid));
        }
    }

    /** Drops the tokens of a session that ended here. */
    public void forgetSession(String sessionId) {
        forget(claims -> claims.sessionId().equals(sessionId));
    }

    /** Drops every token of a user whose sessions ended here (a password reset, a disable). */
    public void forgetUser(String userId) {
        forget(claims -> claims.userId().equals(userId));
    }

    /** How many tokens are held (tests, metrics). */
    public long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private void forget(Predicate<AccessTokenClaims> which) {
        // A scan of at most verified-cache-size entries, on a session's end only: no index to keep in step.
        if (cache != null) {
            cache.asMap().values().removeIf(verified -> which.test(verified.claims()));
        }
    }

    private Duration timeLeft(AccessTokenClaims claims) {
        Duration left = Duration.between(clock.instant(), claims.expiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }
}
