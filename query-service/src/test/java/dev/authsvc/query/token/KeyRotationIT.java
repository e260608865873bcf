package dev.authsvc.query.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEvents;
import dev.authsvc.query.token.key.SigningKey;
import dev.authsvc.query.token.key.SigningKeys;
import io.jsonwebtoken.security.EcPublicJwk;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class KeyRotationIT extends QueryServiceTestSupport {

    @Autowired
    SigningKeys keys;

    @Test
    void theJwkSetHoldsPublicEs256KeysOnly_andTheIssuerMetadataPointsAtIt() {
        Response response = get("/.well-known/jwks.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("keys").isArray()).isTrue();
        assertThat(response.raw().body()).doesNotContain("\"d\"");

        JwkSet set = jwks();
        assertThat(set.getKeys()).isNotEmpty();
        for (Jwk<?> jwk : set.getKeys()) {
            assertThat(jwk).isInstanceOf(EcPublicJwk.class);
            assertThat(jwk.getAlgorithm()).isEqualTo("ES256");
            assertThat(((EcPublicJwk) jwk).getPublicKeyUse()).isEqualTo("sig");
            assertThat(jwk.getId()).isNotBlank();
        }
        assertThat(ids(set)).contains(keys.active().kid());

        Response metadata = get("/.well-known/openid-configuration");
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.text("issuer")).isEqualTo(ISSUER);
        assertThat(metadata.text("jwks_uri")).isEqualTo(ISSUER + "/.well-known/jwks.json");
        assertThat(metadata.text("token_endpoint")).isEqualTo(ISSUER + "/token/refresh");
        assertThat(metadata.body().get("id_token_signing_alg_values_supported").toString()).contains("ES256");
    }

    @Test
    void afterRotation_theOldPublicKeyStaysInTheJwkSetWhileItsTokensLive_thenIsDropped() {
        LoggedIn before = login();
        String oldKid = kid(before.accessToken());

        SigningKey fresh = keys.rotate();

        assertThat(fresh.kid()).isNotEqualTo(oldKid);
        assertThat(ids(jwks())).contains(oldKid, fresh.kid());
        assertThat(verifyWithJwks(before.accessToken()).getSubject()).isEqualTo(before.verified().userId());
        assertThat(get("/me", before.accessToken()).status()).isEqualTo(200);
        LoggedIn after = login();
        assertThat(kid(after.accessToken())).isEqualTo(fresh.kid());

        clock.advance(keys.retention().minusMinutes(1));
        keys.check();
        assertThat(ids(jwks())).as("tokens signed just before rotation may still be in use").contains(oldKid);

        clock.advance(Duration.ofMinutes(2));
        keys.check();
        assertThat(ids(jwks())).doesNotContain(oldKid).contains(fresh.kid());
    }

    /**
     * Security rule (docs/security-rules.md): the old public key stays in the JWK Set until its tokens expire. Literal times, so a retention
     * shorter than the 15-minute token lifetime is noticed.
     */
    @Test
    void aTokenSignedJustBeforeARotation_verifiesFromTheJwkSetForItsWhole15Minutes() {
        LoggedIn before = login();
        keys.rotate();

        clock.advance(Duration.ofMinutes(14).plusSeconds(50));
        keys.check();

        assertThat(ids(jwks())).contains(kid(before.accessToken()));
        assertThat(verifyWithJwks(before.accessToken()).getSubject()).isEqualTo(before.verified().userId());
        assertThat(get("/me", before.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void aKeyOlderThanTheRotationInterval_isReplacedAtTheNextCheck() {
        String kid = keys.active().kid();

        clock.advance(Duration.ofDays(30).plusMinutes(1));
        keys.check();

        assertThat(keys.active().kid()).isNotEqualTo(kid);
        assertThat(ids(jwks())).contains(kid, keys.active().kid());
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        LoggedIn login = login(registeredUser(email, phone), email, phone);
        assertThat(kid(login.accessToken())).isEqualTo(keys.active().kid());
        assertThat(get("/me", login.accessToken()).status()).isEqualTo(200);
    }

    private static List<String> ids(JwkSet set) {
        return set.getKeys().stream().map(Jwk::getId).toList();
    }

    private static String kid(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        return TestEvents.JSON.readTree(header).get("kid").asString();
    }
}
