package dev.authsvc.query.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.token.key.SigningKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Our access tokens as another service sees them: decoded with Spring Security's Nimbus decoder configured the
 * way command-service configures it (JWK Set URI, ES256 only, issuer, audience), including after a rotation.
 */
class ResourceServerValidationIT extends QueryServiceTestSupport {

    @Autowired
    SigningKeys keys;

    @Test
    void commandServicesDecoder_acceptsOurTokens_beforeAndAfterAKeyRotation() {
        NimbusJwtDecoder decoder = commandServiceStyleDecoder();
        LoggedIn before = login();

        Jwt jwt = decoder.decode(before.accessToken());
        assertThat(jwt.getSubject()).isEqualTo(before.verified().userId());
        assertThat(jwt.getClaimAsString("sid")).isEqualTo(before.verified().sessionId());
        assertThat(jwt.getAudience()).containsExactly(AUDIENCE);

        keys.rotate();
        LoggedIn after = login();

        assertThat(decoder.decode(after.accessToken()).getSubject()).isEqualTo(after.verified().userId());
        assertThat(decoder.decode(before.accessToken()).getSubject()).isEqualTo(before.verified().userId());
    }

    @Test
    void commandServicesDecoder_refusesAnotherAudience() {
        NimbusJwtDecoder decoder = commandServiceStyleDecoder();
        OAuth2TokenValidator<Jwt> otherAudience = audience("another-service");
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER),
                otherAudience));

        assertThatThrownBy(() -> decoder.decode(login().accessToken())).isInstanceOf(JwtException.class);
    }

    private NimbusJwtDecoder commandServiceStyleDecoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withJwkSetUri("http://127.0.0.1:" + port + "/.well-known/jwks.json")
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER),
                audience(AUDIENCE)));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong audience", null));
    }
}
