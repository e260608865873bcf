package dev.authsvc.command.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Verified tokens are remembered by their hash, never past their expiry nor past a minute; refusals never. */
class VerifiedJwtCacheTest {

    private static final ECKey KEY = generate();

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder verifier = countingVerifier();

    @Test
    void aTokenPresentedAgain_isVerifiedOnce_andAnswersTheSameClaims() {
        VerifiedJwtCache cache = new VerifiedJwtCache(verifier, clock, 100);
        String token = token(KEY, "user-1", Duration.ofMinutes(15));

        Jwt first = cache.decode(token);
        clock.advance(Duration.ofSeconds(30));
        Jwt again = cache.decode(token);

        assertThat(verifications).hasValue(1);
        assertThat(again.getSubject()).isEqualTo("user-1");
        assertThat(again.getClaims()).isEqualTo(first.getClaims());
    }

    @Test
    void aTokenWithTheSameClaimsSignedByAnotherKey_isVerifiedOnItsOwn_andRefused() {
        VerifiedJwtCache cache = new VerifiedJwtCache(verifier, clock, 100);
        cache.decode(token(KEY, "user-1", Duration.ofMinutes(15)));

        String forged = token(generate(), "user-1", Duration.ofMinutes(15));

        assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedToken_isVerifiedAgainAMinuteAfterItsVerification() {
        VerifiedJwtCache cache = new VerifiedJwtCache(verifier, clock, 100);
        String token = token(KEY, "user-1", Duration.ofMinutes(15));
        cache.decode(token);

        clock.advance(VerifiedJwtCache.MAX_AGE.minusSeconds(1));
        cache.decode(token);
        assertThat(verifications).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        cache.decode(token);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedToken_isNeverServedFromMemoryOnceItExpired_verificationDecidesThen() {
        VerifiedJwtCache cache = new VerifiedJwtCache(verifier, clock, 100);
        String token = token(KEY, "user-1", Duration.ofSeconds(20));
        cache.decode(token);

        clock.advance(Duration.ofSeconds(20));
        // within the decoder's leeway (60 s), so verification still accepts it; but it was verified again
        cache.decode(token);
        assertThat(verifications).hasValue(2);

        clock.advance(Duration.ofSeconds(61));
        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(3);
    }

    @Test
    void aRefusedToken_isCheckedAndRefusedEachTime() {
        VerifiedJwtCache cache = new VerifiedJwtCache(verifier, clock, 100);
        String forged = token(generate(), "user-1", Duration.ofMinutes(15));

        assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void sizeZero_verifiesEveryTime() {
        VerifiedJwtCache cache = new VerifiedJwtCache(verifier, clock, 0);
        String token = token(KEY, "user-1", Duration.ofMinutes(15));

        cache.decode(token);
        cache.decode(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aNegativeSize_isRefusedNamingTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> new VerifiedJwtCache(verifier, clock, -1))
                .withMessageContaining("AUTH_JWT_VERIFIED_CACHE_SIZE");
    }

    /** The real decoder command-service uses (ES256, the default lifetime check on this test's clock), counted. */
    private JwtDecoder countingVerifier() {
        JWKSet keys = new JWKSet(KEY.toPublicJWK());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource((selector, context) -> selector.select(keys))
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        JwtTimestampValidator lifetime = new JwtTimestampValidator();
        lifetime.setClock(clock);
        decoder.setJwtValidator(lifetime);
        return token -> {
            verifications.incrementAndGet();
            return decoder.decode(token);
        };
    }

    private String token(ECKey key, String subject, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("sid", "session-1")
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
