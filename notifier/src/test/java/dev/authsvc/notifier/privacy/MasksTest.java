package dev.authsvc.notifier.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MasksTest {

    @Test
    void phoneNumbers_keepTheirFirstTwoAndLastTwoDigits() {
        assertThat(Masks.phone("+14155550123")).isEqualTo("+14*******23");
        assertThat(Masks.phone("not a number")).isEqualTo("***");
        assertThat(Masks.phone(null)).isEqualTo("***");
    }

    @Test
    void emails_keepTheirFirstCharacterAndDomain() {
        assertThat(Masks.email("john.doe@example.com")).isEqualTo("j***@example.com");
        assertThat(Masks.email("nobody")).isEqualTo("***");
        assertThat(Masks.address("john.doe@example.com")).isEqualTo("j***@example.com");
        assertThat(Masks.address("+14155550123")).isEqualTo("+14*******23");
    }

    @Test
    void scrub_masksEveryAddressInAProvidersMessage_butKeepsErrorCodes() {
        String scrubbed = Masks.scrub("550 5.1.1 <john.doe@example.com>: Recipient address rejected; "
                + "The 'To' number +14155550123 is not valid (error 21211), nor is (415) 555-0123");

        assertThat(scrubbed)
                .doesNotContain("john.doe@example.com", "+14155550123", "555-0123")
                .contains("j***@example.com", "+14*******23", "550 5.1.1", "21211");
    }
}
