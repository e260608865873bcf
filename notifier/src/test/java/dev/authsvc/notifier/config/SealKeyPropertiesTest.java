package dev.authsvc.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.events.data.SealedValue;
import dev.authsvc.events.seal.SealedValueCipher;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealKeyPropertiesTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Test
    void withoutAKey_startingIsRefused_namingTheVariable() {
        assertThatThrownBy(() -> new SealKeyProperties(null))
                .hasMessageContaining("AUTH_SECRETS_SEALKEYS_<ID>");
    }

    @Test
    void aKeyOfTheWrongSize_isNamedByItsId_neverShown() {
        assertThatThrownBy(() -> new SealKeyProperties(Map.of("k1", "c2hvcnQ=")))
                .hasMessageContaining("auth.secrets.seal-keys.k1")
                .hasMessageNotContaining("c2hvcnQ=");
    }

    @Test
    void theOpeningCipher_opensWhatTheCommandServiceSealed() {
        SealedValue sealed = SealedValueCipher.sealing("k1", Map.of("k1", Base64.getDecoder().decode(KEY)),
                new SecureRandom()).seal("042917");

        assertThat(new SealKeyProperties(Map.of("k1", KEY)).openingCipher().open(sealed)).isEqualTo("042917");
    }

    @Test
    void toString_showsIdsOnly() {
        assertThat(new SealKeyProperties(Map.of("k1", KEY)).toString()).contains("k1").doesNotContain(KEY);
    }
}
