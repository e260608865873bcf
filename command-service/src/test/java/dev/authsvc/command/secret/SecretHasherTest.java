package dev.authsvc.command.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretHasherTest {

    // RFC 4231 test cases 6 and 7 use a 131-byte key of 0xaa, long enough to be a valid pepper.
    private static final byte[] RFC_4231_KEY = filled(131, (byte) 0xaa);

    private final SecretHasher hasher = new SecretHasher(RFC_4231_KEY);

    @Test
    void hash_matchesRfc4231TestCase6() {
        assertThat(hasher.hash("Test Using Larger Than Block-Size Key - Hash Key First"))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void hash_matchesRfc4231TestCase7() {
        assertThat(hasher.hash("This is a test using a larger than block-size key and a larger than block-size data."
                + " The key needs to be hashed before being used by the HMAC algorithm."))
                .isEqualTo("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    }

    @Test
    void hash_isLowercaseHexOf32Bytes() {
        assertThat(hasher.hash("123456")).matches("[0-9a-f]{64}");
    }

    @Test
    void hash_dependsOnThePepper() {
        SecretHasher other = new SecretHasher(filled(32, (byte) 1));
        assertThat(other.hash("123456")).isNotEqualTo(hasher.hash("123456"));
    }

    @Test
    void matches_isTrueForTheHashedValue() {
        String hash = hasher.hash("042917");
        assertThat(hasher.matches("042917", hash)).isTrue();
    }

    @Test
    void matches_isFalseForAnotherValueOrAMalformedHash() {
        String hash = hasher.hash("042917");
        assertThat(hasher.matches("042918", hash)).isFalse();
        assertThat(hasher.matches("042917", hash.toUpperCase())).isFalse();
        assertThat(hasher.matches("042917", hash.substring(1))).isFalse();
        assertThat(hasher.matches("042917", "")).isFalse();
        assertThat(hasher.matches("042917", null)).isFalse();
        assertThat(hasher.matches(null, hash)).isFalse();
    }

    @Test
    void aPepperShorterThan32Bytes_isRefused() {
        assertThatThrownBy(() -> new SecretHasher(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
