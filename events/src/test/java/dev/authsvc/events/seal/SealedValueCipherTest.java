package dev.authsvc.events.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.events.data.OtpRequestedData;
import dev.authsvc.events.data.PasswordResetRequestedData;
import dev.authsvc.events.data.PhoneChangeRequestedData;
import dev.authsvc.events.data.SealedValue;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SealedValueCipherTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] KEY_2025 = randomKey();
    private static final byte[] KEY_2026 = randomKey();

    private final SealedValueCipher cipher = SealedValueCipher.sealing("k2025", Map.of("k2025", KEY_2025), RANDOM);

    /**
     * Sealed by command-service's {@code SecretSealer} as it was before it delegated here (key bytes
     * {@code i * 7 + 3}, IV bytes {@code 0xA0 + i}): the notifier must open what the command side already stored.
     */
    @Test
    void aValueSealedByTheCommandServicesSealer_opens() {
        byte[] key = Base64.getDecoder().decode("AwoRGB8mLTQ7QklQV15lbHN6gYiPlp2kq7K5wMfO1dw=");
        SealedValueCipher notifier = SealedValueCipher.opening(Map.of("k2025", key));

        assertThat(notifier.open(new SealedValue("k2025", "oKGio6SlpqeoqaqrS7BBMNxK0f7mxwGtoIMfJInmP4uoDw")))
                .isEqualTo("042917");
        assertThat(notifier.open(new SealedValue("k2025",
                "oKGio6SlpqeoqaqrMek1Oo5E1oR_tH1gWkfbMiNda1_lsdYTfM1jEhRUa9OieSG_mQm661S61m_VGZwwXpwzOKZIh20Hups")))
                .isEqualTo("JmF3c9yQk2W0pX7r8sT1uV4wY5zA6bC_dE-fG0hI2jK");
    }

    @Test
    void sealedValues_followTheDocumentedFormat_soPlainJavaxCryptoOpensThem() throws Exception {
        SealedValue sealed = cipher.seal("042917");

        byte[] raw = Base64.getUrlDecoder().decode(sealed.ciphertext());
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY_2025, "AES"),
                new GCMParameterSpec(128, Arrays.copyOf(raw, 12)));
        aes.updateAAD("k2025".getBytes(StandardCharsets.UTF_8));
        byte[] plain = aes.doFinal(raw, 12, raw.length - 12);

        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("042917");
        assertThat(sealed.ciphertext()).matches("[A-Za-z0-9_-]+");
        assertThat(raw).hasSize(12 + 6 + 16);
    }

    @Test
    void sealThenOpen_givesThePlaintextBack_alsoForNonAsciiText() {
        assertThat(cipher.open(cipher.seal("042917"))).isEqualTo("042917");
        assertThat(cipher.open(cipher.seal("pässwörd ✓"))).isEqualTo("pässwörd ✓");
        assertThat(cipher.seal("042917").keyId()).isEqualTo("k2025");
    }

    @Test
    void sealingTwice_usesAFreshIv() {
        assertThat(cipher.seal("042917").ciphertext()).isNotEqualTo(cipher.seal("042917").ciphertext());
    }

    @Test
    void anOpeningCipher_opensButCannotSeal() {
        SealedValue sealed = cipher.seal("042917");
        SealedValueCipher opening = SealedValueCipher.opening(Map.of("k2025", KEY_2025));

        assertThat(opening.open(sealed)).isEqualTo("042917");
        assertThat(opening.currentKeyId()).isNull();
        assertThatThrownBy(() -> opening.seal("042917")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tamperedCiphertext_isDetected() {
        byte[] raw = Base64.getUrlDecoder().decode(cipher.seal("042917").ciphertext());
        for (int position : new int[] {0, 12, raw.length - 1}) {
            byte[] altered = raw.clone();
            altered[position] ^= 0x01;
            SealedValue tampered = new SealedValue("k2025", Base64.getUrlEncoder().withoutPadding().encodeToString(altered));

            assertThatThrownBy(() -> cipher.open(tampered))
                    .isInstanceOf(SealedValueException.class)
                    .hasMessageContaining("failed authentication");
        }
    }

    @Test
    void truncatedMalformedOrIncompleteValues_areRejected() {
        assertThatThrownBy(() -> cipher.open(new SealedValue("k2025", "AAAA")))
                .isInstanceOf(SealedValueException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> cipher.open(new SealedValue("k2025", "not base64url!")))
                .isInstanceOf(SealedValueException.class).hasMessageContaining("not base64url");
        assertThatThrownBy(() -> cipher.open(new SealedValue(null, "AAAA")))
                .isInstanceOf(SealedValueException.class).hasMessageContaining("lacks");
    }

    @Test
    void afterRotation_oldValuesStillOpen() {
        SealedValue before = cipher.seal("042917");
        SealedValueCipher rotated = SealedValueCipher.sealing("k2026", Map.of("k2025", KEY_2025, "k2026", KEY_2026), RANDOM);

        assertThat(rotated.open(before)).isEqualTo("042917");
        assertThat(rotated.seal("913377").keyId()).isEqualTo("k2026");
    }

    @Test
    void unknownOrRelabelledKeyIds_areRejected() {
        SealedValueCipher twoLabels = SealedValueCipher.sealing("a", Map.of("a", KEY_2025, "b", KEY_2025), RANDOM);
        SealedValue sealed = twoLabels.seal("042917");

        assertThatThrownBy(() -> twoLabels.open(new SealedValue("k1999", sealed.ciphertext())))
                .isInstanceOf(SealedValueException.class).hasMessageContaining("no seal key with id 'k1999'");
        // Both ids hold the same key: only the associated data tells the labels apart.
        assertThatThrownBy(() -> twoLabels.open(new SealedValue("b", sealed.ciphertext())))
                .isInstanceOf(SealedValueException.class);
    }

    @Test
    void keysOfTheWrongSizeOrAMissingCurrentKey_areRefused() {
        assertThatThrownBy(() -> SealedValueCipher.opening(Map.of("short", new byte[16])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("short");
        assertThatThrownBy(() -> SealedValueCipher.sealing("k2026", Map.of("k2025", KEY_2025), RANDOM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k2026");
    }

    private static final String USER = "5f0c7a2e-1111-4d4b-9a43-2f6f1b7f0a01";
    private static final SealContext RESET_FOR_ADA =
            PasswordResetRequestedData.sealContext(USER, "ada@example.com");

    @Test
    void aValueBoundToItsContext_opensWithThatContextOnly() {
        SealedValue sealed = cipher.seal("JmF3c9yQk2W0pX7r8sT1uV4wY5zA6bC_dE-fG0hI2jK", RESET_FOR_ADA);

        assertThat(sealed.version()).isEqualTo(SealedValue.BOUND);
        assertThat(cipher.open(sealed, PasswordResetRequestedData.sealContext(USER, "ada@example.com")))
                .isEqualTo("JmF3c9yQk2W0pX7r8sT1uV4wY5zA6bC_dE-fG0hI2jK");
    }

    @Test
    void aBoundValue_copiedToAnotherRecipientUserEventTypeOrField_failsToOpen() {
        SealedValue sealed = cipher.seal("042917", OtpRequestedData.sealContext(USER, "+14155550123"));

        for (SealContext elsewhere : new SealContext[] {
                OtpRequestedData.sealContext(USER, "+14155550999"),
                OtpRequestedData.sealContext("another-user", "+14155550123"),
                PhoneChangeRequestedData.sealContext(USER, "+14155550123"),
                new SealContext(USER, OtpRequestedData.TYPE, "another_field", "+14155550123")}) {
            assertThatThrownBy(() -> cipher.open(sealed, elsewhere))
                    .as("opened for %s", elsewhere)
                    .isInstanceOf(SealedValueException.class)
                    .hasMessageContaining("failed authentication");
        }
    }

    @Test
    void aValueBoundToNoContext_isRefusedWhereAContextIsExpected_andABoundOneWhereNoneIs() {
        SealedValue unbound = cipher.seal("042917");
        SealedValue bound = cipher.seal("042917", RESET_FOR_ADA);

        assertThat(unbound.version()).isNull();
        assertThatThrownBy(() -> cipher.open(unbound, RESET_FOR_ADA))
                .isInstanceOf(SealedValueException.class).hasMessageContaining("not bound");
        // Relabelled as bound, the unbound value still fails: its associated data was the key id alone.
        assertThatThrownBy(() -> cipher.open(new SealedValue("k2025", unbound.ciphertext(), SealedValue.BOUND),
                RESET_FOR_ADA)).isInstanceOf(SealedValueException.class).hasMessageContaining("failed authentication");
        assertThatThrownBy(() -> cipher.open(bound)).isInstanceOf(SealedValueException.class);
        assertThatThrownBy(() -> cipher.open(new SealedValue("k2025", bound.ciphertext())))
                .isInstanceOf(SealedValueException.class).hasMessageContaining("failed authentication");
    }

    @Test
    void boundValues_followTheDocumentedAssociatedData_soPlainJavaxCryptoOpensThem() throws Exception {
        SealedValue sealed = cipher.seal("042917", OtpRequestedData.sealContext(USER, "+14155550123"));

        ByteArrayOutputStream aad = new ByteArrayOutputStream();
        for (String part : new String[] {"authsvc-sealed-value/2", "k2025", USER, "OtpRequested", "sealed_code",
                "+14155550123"}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            aad.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            aad.writeBytes(bytes);
        }
        byte[] raw = Base64.getUrlDecoder().decode(sealed.ciphertext());
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY_2025, "AES"),
                new GCMParameterSpec(128, Arrays.copyOf(raw, 12)));
        aes.updateAAD(aad.toByteArray());

        assertThat(new String(aes.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8)).isEqualTo("042917");
    }

    @Test
    void partsAreLengthPrefixed_soShiftingCharactersBetweenPartsChangesTheAssociatedData() {
        byte[] one = SealedValueCipher.associatedData("k", new SealContext("ab", "T", "f", "c"));
        byte[] other = SealedValueCipher.associatedData("k", new SealContext("a", "bT", "f", "c"));

        assertThat(one).isNotEqualTo(other);
    }

    @Test
    void aContextMissingAPart_isRefused() {
        assertThatThrownBy(() -> OtpRequestedData.sealContext(USER, null)).isInstanceOf(SealedValueException.class);
        assertThatThrownBy(() -> OtpRequestedData.sealContext(" ", "+14155550123"))
                .isInstanceOf(SealedValueException.class);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}
