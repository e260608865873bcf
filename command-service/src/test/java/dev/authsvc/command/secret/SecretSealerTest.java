package dev.authsvc.command.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.command.user.api.SealedSecret;
import dev.authsvc.events.data.OtpRequestedData;
import dev.authsvc.events.data.PhoneChangeRequestedData;
import dev.authsvc.events.data.SealedValue;
import dev.authsvc.events.seal.SealContext;
import dev.authsvc.events.seal.SealedValueCipher;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretSealerTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] KEY_2025 = randomKey();
    private static final byte[] KEY_2026 = randomKey();

    private static final SealContext CONTEXT = OtpRequestedData.sealContext("user-1", "+14155550123");

    private final SecretSealer sealer = new SecretSealer("k2025", Map.of("k2025", KEY_2025), RANDOM);

    @Test
    void sealThenOpen_givesThePlaintextBack() {
        SealedSecret sealed = sealer.seal("042917", CONTEXT);

        assertThat(sealed.keyId()).isEqualTo("k2025");
        assertThat(sealer.open(sealed, CONTEXT)).isEqualTo("042917");
    }

    @Test
    void sealThenOpen_keepsNonAsciiText() {
        assertThat(sealer.open(sealer.seal("pässwörd ✓", CONTEXT), CONTEXT)).isEqualTo("pässwörd ✓");
    }

    @Test
    void ciphertext_isUnpaddedBase64urlOfIvCiphertextAndTag() {
        String plaintext = "JmF3c9yQk2W0pX7r8sT1uV4wY5zA6bC_dE-fG0hI2jK";
        SealedSecret sealed = sealer.seal(plaintext, CONTEXT);

        assertThat(sealed.ciphertext()).matches("[A-Za-z0-9_-]+");
        byte[] raw = Base64.getUrlDecoder().decode(sealed.ciphertext());
        assertThat(raw).hasSize(12 + plaintext.getBytes(StandardCharsets.UTF_8).length + 16);
    }

    @Test
    void sealedText_doesNotContainThePlaintext() {
        String token = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        SealedSecret sealed = sealer.seal(token, CONTEXT);

        assertThat(sealed.ciphertext()).doesNotContain(token).doesNotContain("AAAAAAAA");
        assertThat(sealed.toString()).doesNotContain(token);
        assertThat(sealer.seal("042917", CONTEXT).ciphertext()).doesNotContain("042917");
    }

    @Test
    void sealingTwice_usesAFreshIv() {
        String first = sealer.seal("042917", CONTEXT).ciphertext();
        String second = sealer.seal("042917", CONTEXT).ciphertext();

        assertThat(first).isNotEqualTo(second);
        assertThat(first.substring(0, 16)).isNotEqualTo(second.substring(0, 16));
    }

    @Test
    void tamperedCiphertext_isDetected() {
        SealedSecret sealed = sealer.seal("042917", CONTEXT);
        byte[] raw = Base64.getUrlDecoder().decode(sealed.ciphertext());
        for (int position : new int[] {0, 12, raw.length - 1}) {
            byte[] altered = raw.clone();
            altered[position] ^= 0x01;
            SealedSecret tampered = new SealedSecret(sealed.keyId(),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(altered), sealed.version());

            assertThatThrownBy(() -> sealer.open(tampered, CONTEXT))
                    .isInstanceOf(SecretSealException.class)
                    .hasMessageContaining("failed authentication");
        }
    }

    @Test
    void truncatedOrMalformedCiphertext_isRejected() {
        assertThatThrownBy(() -> sealer.open(new SealedSecret("k2025", "AAAA", 2), CONTEXT))
                .isInstanceOf(SecretSealException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> sealer.open(new SealedSecret("k2025", "not base64url!", 2), CONTEXT))
                .isInstanceOf(SecretSealException.class)
                .hasMessageContaining("not base64url");
    }

    @Test
    void afterRotation_oldValuesStillOpenAndNewOnesUseTheNewKey() {
        SealedSecret sealedBefore = sealer.seal("042917", CONTEXT);
        SecretSealer rotated = new SecretSealer("k2026", Map.of("k2025", KEY_2025, "k2026", KEY_2026), RANDOM);

        SealedSecret sealedAfter = rotated.seal("913377", CONTEXT);

        assertThat(rotated.open(sealedBefore, CONTEXT)).isEqualTo("042917");
        assertThat(sealedAfter.keyId()).isEqualTo("k2026");
        assertThat(rotated.open(sealedAfter, CONTEXT)).isEqualTo("913377");
    }

    @Test
    void unknownKeyId_isRejected() {
        SealedSecret sealed = sealer.seal("042917", CONTEXT);
        SealedSecret unknown = new SealedSecret("k1999", sealed.ciphertext(), 2);

        assertThatThrownBy(() -> sealer.open(unknown, CONTEXT))
                .isInstanceOf(SecretSealException.class)
                .hasMessageContaining("no seal key with id 'k1999'");
    }

    @Test
    void relabelledKeyId_failsBecauseTheIdIsBoundAsAssociatedData() {
        // Both ids hold the same key: only the associated data can tell the labels apart.
        SecretSealer twoLabels = new SecretSealer("a", Map.of("a", KEY_2025, "b", KEY_2025), RANDOM);
        SealedSecret sealed = twoLabels.seal("042917", CONTEXT);

        assertThatThrownBy(() -> twoLabels.open(new SealedSecret("b", sealed.ciphertext(), 2), CONTEXT))
                .isInstanceOf(SecretSealException.class);
    }

    @Test
    void whatItSeals_opensWithTheEventsModulesCipher_asTheNotifierOpensIt() {
        SealedSecret sealed = sealer.seal("042917", CONTEXT);

        SealedValueCipher notifier = SealedValueCipher.opening(Map.of("k2025", KEY_2025));

        assertThat(notifier.open(new SealedValue(sealed.keyId(), sealed.ciphertext(), sealed.version()),
                OtpRequestedData.sealContext("user-1", "+14155550123"))).isEqualTo("042917");
    }

    @Test
    void aSealedValue_opensOnlyInTheContextItWasSealedFor() {
        SealedSecret sealed = sealer.seal("042917", CONTEXT);

        assertThat(sealed.version()).isEqualTo(SealedValue.BOUND);
        assertThatThrownBy(() -> sealer.open(sealed, OtpRequestedData.sealContext("user-1", "+14155550999")))
                .isInstanceOf(SecretSealException.class)
                .hasMessageContaining("failed authentication");
        assertThatThrownBy(() -> sealer.open(sealed, PhoneChangeRequestedData.sealContext("user-1", "+14155550123")))
                .isInstanceOf(SecretSealException.class);
    }

    @Test
    void aCurrentKeyIdWithoutAKey_isRefused() {
        assertThatThrownBy(() -> new SecretSealer("k2026", Map.of("k2025", KEY_2025), RANDOM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k2026");
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}
