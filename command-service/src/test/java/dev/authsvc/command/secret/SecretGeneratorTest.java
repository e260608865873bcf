package dev.authsvc.command.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretGeneratorTest {

    private final SecretGenerator generator = new SecretGenerator(new SecureRandom());

    @Test
    void otp_isSixDecimalDigits() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(generator.otp()).matches("[0-9]{6}");
        }
    }

    @Test
    void otp_isZeroPadded() {
        SecretGenerator lowDraw = new SecretGenerator(new SecureRandom() {
            @Override
            public int nextInt(int bound) {
                return 42;
            }
        });

        assertThat(lowDraw.otp()).isEqualTo("000042");
    }

    @Test
    void otp_digitsAreUniformInEveryPosition() {
        int draws = 100_000;
        int[][] counts = new int[6][10];
        for (int i = 0; i < draws; i++) {
            String otp = generator.otp();
            for (int position = 0; position < 6; position++) {
                counts[position][otp.charAt(position) - '0']++;
            }
        }
        // Expected 10,000 per cell with a standard deviation near 95: 9,000..11,000 is over ten deviations wide.
        for (int position = 0; position < 6; position++) {
            for (int digit = 0; digit < 10; digit++) {
                assertThat(counts[position][digit])
                        .as("digit %d at position %d", digit, position)
                        .isBetween(9_000, 11_000);
            }
        }
    }

    @Test
    void token_is43UrlSafeCharactersWithoutPadding() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(generator.token()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        }
    }

    @Test
    void tokens_areUnique() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            tokens.add(generator.token());
        }
        assertThat(tokens).hasSize(10_000);
    }
}
