package dev.authsvc.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshTokenSecretsTest {

    @Test
    void tokensAre256RandomBitsInBase64url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = RefreshTokenSecrets.generate();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(RefreshTokenSecrets.wellFormed(token)).isTrue();
            seen.add(token);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void theHashIsSha256_stableAndNotTheToken() {
        String token = RefreshTokenSecrets.generate();
        assertThat(RefreshTokenSecrets.hash(token)).isEqualTo(RefreshTokenSecrets.hash(token)).isNotEqualTo(token)
                .hasSize(43);
        // SHA-256("abc"), base64url without padding
        assertThat(RefreshTokenSecrets.hash("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    }

    @Test
    void aSealedChildOpensOnlyWithItsParent() {
        String parent = RefreshTokenSecrets.generate();
        String child = RefreshTokenSecrets.generate();

        String sealed = RefreshTokenSecrets.sealChild(child, parent);

        assertThat(sealed).doesNotContain(child);
        assertThat(RefreshTokenSecrets.openChild(sealed, parent)).contains(child);
        assertThat(RefreshTokenSecrets.openChild(sealed, RefreshTokenSecrets.generate())).isEmpty();
        assertThat(RefreshTokenSecrets.openChild(sealed.substring(0, sealed.length() - 2) + "AA", parent)).isEmpty();
        assertThat(RefreshTokenSecrets.openChild("!!", parent)).isEmpty();
        assertThat(RefreshTokenSecrets.sealChild(child, parent)).as("a fresh IV each time").isNotEqualTo(sealed);
    }

    @Test
    void malformedValuesAreNotWellFormed() {
        assertThat(RefreshTokenSecrets.wellFormed(null)).isFalse();
        assertThat(RefreshTokenSecrets.wellFormed("short")).isFalse();
        assertThat(RefreshTokenSecrets.wellFormed("+".repeat(43))).isFalse();
        assertThat(RefreshTokenSecrets.wellFormed("A".repeat(44))).isFalse();
    }
}
