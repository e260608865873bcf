package dev.authsvc.notifier.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates("Acme <Auth> & Co", URI.create("https://auth.example.com"));

    @Test
    void links_carryTheTokenUrlEncoded() {
        assertThat(templates.resetPasswordLink("a+b/c=d e"))
                .isEqualTo("https://auth.example.com/reset-password?token=a%2Bb%2Fc%3Dd+e");
        assertThat(templates.verifyEmailLink("Zm9v_-bar"))
                .isEqualTo("https://auth.example.com/verify-email?token=Zm9v_-bar");
    }

    @Test
    void passwordReset_hasTheLinkInTextAndHtml_andSaysHowLongItLasts() {
        MailContent mail = templates.passwordReset("a+b", Duration.ofMinutes(30));

        assertThat(mail.subject()).isEqualTo("Reset your Acme <Auth> & Co password");
        assertThat(mail.text()).contains("https://auth.example.com/reset-password?token=a%2Bb").contains("30 minutes");
        assertThat(mail.html()).contains("href=\"https://auth.example.com/reset-password?token=a%2Bb\"");
    }

    @Test
    void html_escapesWhatItInserts() {
        MailContent mail = templates.passwordChanged();

        assertThat(mail.html()).contains("Acme &lt;Auth&gt; &amp; Co").doesNotContain("<Auth>");
        assertThat(mail.text()).contains("Acme <Auth> & Co");
    }

    @Test
    void emailVerification_countsLongValiditiesInHours() {
        assertThat(templates.emailVerification("t", Duration.ofHours(24)).text()).contains("24 hours");
    }

    @Test
    void accountLocked_saysUntilWhenInUtc() {
        assertThat(templates.accountLocked(Instant.parse("2030-01-02T03:04:05Z")).text())
                .contains("until 2030-01-02 03:04 UTC");
    }
}
