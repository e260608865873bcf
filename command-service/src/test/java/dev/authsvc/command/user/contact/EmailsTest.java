package dev.authsvc.command.user.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailsTest {

    @Test
    void theSeedsEmail_isAcceptedAsItIs() {
        assertThat(Emails.normalize("akash.gupta@gmail.com")).contains("akash.gupta@gmail.com");
    }

    @Test
    void mixedCaseAndSurroundingSpace_normalizeToLowerCase() {
        assertThat(Emails.normalize("John.Doe@Example.COM")).contains("john.doe@example.com");
        assertThat(Emails.normalize("  John.Doe@Example.COM\n")).contains("john.doe@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b.co", "first.last+tag@sub.example.org", "o'brien@example.ie", "用户@例子.中国"})
    void ordinaryAddresses_areAccepted(String email) {
        assertThat(Emails.normalize(email)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "plainaddress", "@example.com", "john@", "john@example", "john@@example.com",
        "john@doe@example.com", "john doe@example.com", "john@exa mple.com", "john@.example.com", "john@example.com.",
        "john@example..com", "jo\u0000hn@example.com", "jo\u200bhn@example.com", "jo\thn@example.com",
        "john\u00a0@example.com"})
    void malformedAddresses_areRejected(String email) {
        assertThat(Emails.normalize(email)).isEmpty();
    }

    @Test
    void null_isRejected() {
        assertThat(Emails.normalize(null)).isEmpty();
    }

    @Test
    void localPartLimit_is64Characters() {
        assertThat(Emails.normalize("a".repeat(64) + "@example.com")).isPresent();
        assertThat(Emails.normalize("a".repeat(65) + "@example.com")).isEmpty();
    }

    @Test
    void addressLimit_is254Characters() {
        String atLimit = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        assertThat(atLimit).hasSize(254);
        assertThat(Emails.normalize(atLimit)).isPresent();
        assertThat(Emails.normalize("x" + atLimit)).isEmpty();
    }

    @Test
    void mask_keepsTheFirstCharacterAndTheDomain() {
        assertThat(Emails.mask("akash.gupta@gmail.com")).isEqualTo("a***@gmail.com");
        assertThat(Emails.mask("j@example.com")).isEqualTo("j***@example.com");
    }

    @Test
    void mask_neverEchoesSomethingThatIsNotAnAddress() {
        assertThat(Emails.mask(null)).isEqualTo("***");
        assertThat(Emails.mask("no-at-sign-secret")).isEqualTo("***");
        assertThat(Emails.mask("@example.com")).isEqualTo("***");
    }
}
