package dev.authsvc.command.user.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one constant-time comparison of hashes (its use of {@code MessageDigest.isEqual}: ConstantTimeComparisonTest). */
class SecretHashesTest {

    @Test
    void match_comparesWholeValues() {
        assertThat(SecretHashes.match("ab12", "ab12")).isTrue();
        assertThat(SecretHashes.match("ab12", "ab13")).isFalse();
        assertThat(SecretHashes.match("ab12", null)).isFalse();
    }
}
