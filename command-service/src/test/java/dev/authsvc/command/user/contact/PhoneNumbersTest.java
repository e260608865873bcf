package dev.authsvc.command.user.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @Test
    void theSeedsNumber_isAcceptedInLenientModeOnly() {
        assertThat(PhoneNumbers.normalize("+1234567890", false)).contains("+1234567890");
        assertThat(PhoneNumbers.normalize("+1234567890", true)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "+1 (650) 253-0000     | +16502530000",
        "+1.650.253.0000       | +16502530000",
        "  +16502530000        | +16502530000",
        "+91 98765 43210       | +919876543210",
        "+44 (0)20 7946 0958   | +442079460958",
        "+39 06 1234 5678      | +390612345678",
    })
    void validNumbersWithSeparators_normalizeToE164InBothModes(String raw, String e164) {
        assertThat(PhoneNumbers.normalize(raw, true)).contains(e164);
        assertThat(PhoneNumbers.normalize(raw, false)).contains(e164);
    }

    @Test
    void normalizing_isIdempotent() {
        for (String raw : new String[] {"+44 (0)20 7946 0958", "+1234567890", "+1 650 253 0000"}) {
            String once = PhoneNumbers.normalize(raw, false).orElseThrow();
            assertThat(PhoneNumbers.normalize(once, false)).contains(once);
        }
    }

    @Test
    void unknownCountryCodes_passLenientModeAsTheSeedDidButNotStrictMode() {
        assertThat(PhoneNumbers.normalize("+999 123 456 789", false)).contains("+999123456789");
        assertThat(PhoneNumbers.normalize("+999 123 456 789", true)).isEmpty();
    }

    @Test
    void sevenAndFifteenDigits_areTheLimits() {
        assertThat(PhoneNumbers.normalize("+1234567", false)).contains("+1234567");
        assertThat(PhoneNumbers.normalize("+123456", false)).isEmpty();
        assertThat(PhoneNumbers.normalize("+123456789012345", false)).contains("+123456789012345");
        assertThat(PhoneNumbers.normalize("+1234567890123456", false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "1234567890", "001 650 253 0000", "+1 650 CALL NOW", "+1 650 253 0000 ext. 12",
        "++16502530000", "+1650253000x", "+1/650/253/0000", "+1 650 253 0000 +", "(+1) 650 253 0000"})
    void anythingElse_isRejected(String raw) {
        assertThat(PhoneNumbers.normalize(raw, false)).isEmpty();
        assertThat(PhoneNumbers.normalize(raw, true)).isEmpty();
    }

    @Test
    void nullAndOverlongInput_areRejected() {
        assertThat(PhoneNumbers.normalize(null, false)).isEmpty();
        assertThat(PhoneNumbers.normalize("+1" + " ".repeat(50) + "6502530000", false)).isEmpty();
    }

    @Test
    void mask_keepsTwoDigitsAtEachEnd() {
        assertThat(PhoneNumbers.mask("+1234567890")).isEqualTo("+12******90");
        assertThat(PhoneNumbers.mask("+919876543210")).isEqualTo("+91********10");
        assertThat(PhoneNumbers.mask("+1234567")).isEqualTo("+12***67");
    }

    @Test
    void mask_neverEchoesSomethingThatIsNotE164() {
        assertThat(PhoneNumbers.mask(null)).isEqualTo("***");
        assertThat(PhoneNumbers.mask("call me at 555")).isEqualTo("***");
        assertThat(PhoneNumbers.mask("+1 650 253 0000")).isEqualTo("***");
    }

    @Test
    void lenientResult_alwaysHasTheE164Shape() {
        Optional<String> normalized = PhoneNumbers.normalize("+1-234-567-890", false);
        assertThat(normalized).hasValueSatisfying(value -> assertThat(value).matches("\\+[0-9]{7,15}"));
    }
}
