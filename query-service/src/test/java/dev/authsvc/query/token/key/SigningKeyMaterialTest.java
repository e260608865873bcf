package dev.authsvc.query.token.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SigningKeyMaterialTest {

    @Test
    void aGeneratedKeyHasItsThumbprintAsKid_andAPublicJwkWithoutPrivateParts() {
        SigningKey key = SigningKeyMaterial.generate(Instant.EPOCH);

        assertThat(key.kid()).matches("[A-Za-z0-9_-]{43}");
        assertThat(key.publicJwk()).contains("\"kty\":\"EC\"", "\"crv\":\"P-256\"", "\"alg\":\"ES256\"",
                "\"use\":\"sig\"", "\"kid\":\"" + key.kid() + "\"").doesNotContain("\"d\"");
        assertThat(SigningKeyMaterial.decodePublic(key.publicJwk())).isEqualTo(key.publicKey());
        assertThat(key.toString()).doesNotContain(SigningKeyMaterial.encodePrivate(key.privateKey()));
    }

    @Test
    void theStoredPrivateKeyReadsBack() throws Exception {
        SigningKey key = SigningKeyMaterial.generate(Instant.EPOCH);

        assertThat(SigningKeyMaterial.decodePrivate(SigningKeyMaterial.encodePrivate(key.privateKey())))
                .isEqualTo(key.privateKey());
    }

    @Test
    void aPrivateKeyNamesTheKidOfItsPair_andNoOther() {
        SigningKey key = SigningKeyMaterial.generate(Instant.EPOCH);

        assertThat(SigningKeyMaterial.kidOf(key.privateKey())).isEqualTo(key.kid());
        assertThat(SigningKeyMaterial.kidOf(SigningKeyMaterial.generate(Instant.EPOCH).privateKey()))
                .isNotEqualTo(key.kid());
    }

    @Test
    void aConfiguredPemKeyIsUsed_withTheSameKidAsItsPublicHalf() {
        SigningKey generated = SigningKeyMaterial.generate(Instant.EPOCH);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generated.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        SigningKey configured = SigningKeyMaterial.fromConfiguration(pem, Instant.EPOCH);

        assertThat(configured.kid()).isEqualTo(generated.kid());
        assertThat(configured.publicKey()).isEqualTo(generated.publicKey());
    }

    @Test
    void aConfiguredKeyMustBeAnEcKeyOnP256() throws Exception {
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        String wrongCurve = Base64.getEncoder().encodeToString(p384.generateKeyPair().getPrivate().getEncoded());

        assertThatThrownBy(() -> SigningKeyMaterial.fromConfiguration(wrongCurve, Instant.EPOCH))
                .hasMessageContaining("P-256");
        assertThatThrownBy(() -> SigningKeyMaterial.fromConfiguration("not a key", Instant.EPOCH))
                .hasMessageContaining("PKCS#8");
    }
}
