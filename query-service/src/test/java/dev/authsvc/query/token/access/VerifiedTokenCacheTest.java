package dev.authsvc.query.token.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.authsvc.query.token.key.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final SigningKeys keys = mock(SigningKeys.class);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void aTokenWhoseKeyIsNoLongerPublished_isNotServed() {
        VerifiedTokenCache cache = new VerifiedTokenCache(keys, clock, 10);
        when(keys.publishes("k1")).thenReturn(true);
        String key = cache.keyOf("token-1");
        cache.put(key, claims("s1", "u1"), "k1");
        assertThat(cache.find(key)).isPresent();

        when(keys.publishes("k1")).thenReturn(false);

        assertThat(cache.find(key)).isEmpty();
    }

    @Test
    void theCacheHoldsNoMoreThanItsSize() {
        VerifiedTokenCache cache = new VerifiedTokenCache(keys, clock, 5);
        for (int i = 0; i < 50; i++) {
            cache.put(cache.keyOf("token-" + i), claims("s" + i, "u"), "k1");
        }

        assertThat(cache.size()).isLessThanOrEqualTo(5);
    }

    @Test
    void forgettingASession_dropsItsTokensOnly_andForgettingAUser_dropsAllOfTheirs() {
        VerifiedTokenCache cache = new VerifiedTokenCache(keys, clock, 10);
        when(keys.publishes("k1")).thenReturn(true);
        for (String[] token : List.of(new String[] {"a", "s1", "u1"}, new String[] {"b", "s2", "u1"},
                new String[] {"c", "s3", "u2"})) {
            cache.put(cache.keyOf(token[0]), claims(token[1], token[2]), "k1");
        }

        cache.forgetSession("s1");
        assertThat(cache.find(cache.keyOf("a"))).isEmpty();
        assertThat(cache.find(cache.keyOf("b"))).isPresent();

        cache.forgetUser("u1");
        assertThat(cache.find(cache.keyOf("b"))).isEmpty();
        assertThat(cache.find(cache.keyOf("c"))).isPresent();
    }

    @Test
    void sizeZero_remembersNothing() {
        VerifiedTokenCache cache = new VerifiedTokenCache(keys, clock, 0);
        when(keys.publishes("k1")).thenReturn(true);
        cache.put(cache.keyOf("a"), claims("s1", "u1"), "k1");

        assertThat(cache.find(cache.keyOf("a"))).isEmpty();
    }

    private static AccessTokenClaims claims(String sessionId, String userId) {
        return new AccessTokenClaims(userId, sessionId, "jti", NOW, NOW.plus(Duration.ofMinutes(15)), NOW,
                List.of("otp"), "employee", "a@example.com", false);
    }
}
