package dev.authsvc.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshTokenSecretsTest {

    private static final Instant ISSUED = Instant.parse("2026-12-06T10:15:30.123Z");

    @Test
    void tokensAreTheirIssueTime_then256RandomBits_inBase64url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = RefreshTokenSecrets.generate(ISSUED);
            assertThat(token).matches("[A-Za-z0-9_-]{51}").startsWith(RefreshTokenSecrets.keyBound(ISSUED));
            assertThat(Base64.getUrlDecoder().decode(token.substring(8))).hasSize(32);
            assertThat(RefreshTokenSecrets.wellFormed(token)).isTrue();
            seen.add(token.substring(8));
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void keysSortInIssueOrder_comparingCharacterCodes() {
        List<Instant> times = List.of(Instant.EPOCH, ISSUED.minusMillis(1), ISSUED, ISSUED.plusMillis(1),
                ISSUED.plusMillis(63), ISSUED.plusMillis(64), ISSUED.plus(Duration.ofDays(365 * 80)));
        List<String> keys = times.stream().map(time -> RefreshTokenSecrets.key(RefreshTokenSecrets.generate(time)))
                .toList();

        for (int i = 0; i < times.size(); i++) {
            Instant time = times.get(i);
            assertThat(keys.get(i)).isGreaterThanOrEqualTo(RefreshTokenSecrets.keyBound(time))
                    .isLessThan(RefreshTokenSecrets.keyBound(time.plusMillis(1)));
            if (i > 0) {
                assertThat(keys.get(i)).as("issued at %s", time).isGreaterThan(keys.get(i - 1));
            }
        }
    }

    @Test
    void theKeyIsTheIssueTimeThenTheHash_orTheHashAloneForATokenOfTheFormerFormat() {
        String token = RefreshTokenSecrets.generate(ISSUED);
        String former = token.substring(8);

        assertThat(RefreshTokenSecrets.key(token)).isEqualTo(token.substring(0, 8) + RefreshTokenSecrets.hash(token))
                .hasSize(51).doesNotContain(token.substring(8));
        assertThat(RefreshTokenSecrets.wellFormed(former)).isTrue();
        assertThat(RefreshTokenSecrets.key(former)).isEqualTo(RefreshTokenSecrets.hash(former)).hasSize(43);
    }

    @Test
    void theHashIsSha256_stableAndNotTheToken() {
        String token = RefreshTokenSecrets.generate(Instant.now());
        assertThat(RefreshTokenSecrets.hash(token)).isEqualTo(RefreshTokenSecrets.hash(token)).isNotEqualTo(token)
                .hasSize(43);
        // SHA-256("abc"), base64url without padding
        assertThat(RefreshTokenSecrets.hash("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    }

    @Test
    void aSealedChildOpensOnlyWithItsParent() {
        String parent = RefreshTokenSecrets.generate(Instant.now());
        String child = RefreshTokenSecrets.generate(Instant.now());

        String sealed = RefreshTokenSecrets.sealChild(child, parent);

        assertThat(sealed).doesNotContain(child);
        assertThat(RefreshTokenSecrets.openChild(sealed, parent)).contains(child);
        assertThat(RefreshTokenSecrets.openChild(sealed, RefreshTokenSecrets.generate(Instant.now()))).isEmpty();
        assertThat(RefreshTokenSecrets.openChild(withLastBitFlipped(sealed), parent)).isEmpty();
        assertThat(RefreshTokenSecrets.openChild("!!", parent)).isEmpty();
        assertThat(RefreshTokenSecrets.sealChild(child, parent)).as("a fresh IV each time").isNotEqualTo(sealed);
    }

    /**
     * {@code sealed} with one bit of its authentication tag changed. (Writing "AA" over its last two characters, as
     * this test did, left it unchanged whenever it already ended that way: about one run in four thousand.)
     */
    private static String withLastBitFlipped(String sealed) {
        byte[] bytes = Base64.getUrlDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    void malformedValuesAreNotWellFormed() {
        assertThat(RefreshTokenSecrets.wellFormed(null)).isFalse();
        assertThat(RefreshTokenSecrets.wellFormed("short")).isFalse();
        assertThat(RefreshTokenSecrets.wellFormed("+".repeat(43))).isFalse();
        assertThat(RefreshTokenSecrets.wellFormed("A".repeat(44))).isFalse();
        assertThat(RefreshTokenSecrets.wellFormed("A".repeat(50))).isFalse();
        assertThat(RefreshTokenSecrets.wellFormed("A".repeat(52))).isFalse();
        assertThat(RefreshTokenSecrets.wellFormed("+".repeat(51))).isFalse();
    }
}
