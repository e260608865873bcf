package dev.authsvc.notifier.mail;

import static dev.authsvc.notifier.support.MailSink.mailsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.notifier.support.MailSink;
import dev.authsvc.notifier.support.MailSink.Mail;
import dev.authsvc.notifier.support.NotifierIntegrationTest;
import dev.authsvc.notifier.support.UserEvents;
import dev.authsvc.notifier.support.UserEvents.User;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailDeliveryIT extends NotifierIntegrationTest {

    @Test
    void passwordResetRequested_mailsALinkCarryingTheSealedToken() {
        User user = new User();
        String token = UserEvents.newToken();
        UserEventEnvelope event = user.passwordResetRequested(token);

        publish(event);

        Mail mail = awaitMailTo(user.email);
        String link = "https://auth.example.test/reset-password?token=" + token;
        assertThat(mail.subject()).isEqualTo("Reset your Acme Auth password");
        assertThat(mail.from()).contains("Acme Auth").contains(MailSink.FROM);
        assertThat(mail.text()).contains(link).contains("30 minutes");
        assertThat(mail.html()).contains("href=\"" + link + "\"");
        assertThat(awaitStatus(event, "email")).isEqualTo("SENT");
    }

    @Test
    void emailVerificationRequested_mailsAVerificationLink() {
        User user = new User();
        String token = UserEvents.newToken();

        publish(user.emailVerificationRequested(token));

        Mail mail = awaitMailTo(user.email);
        String link = "https://auth.example.test/verify-email?token=" + token;
        assertThat(mail.subject()).isEqualTo("Confirm your email address for Acme Auth");
        assertThat(mail.text()).contains(link);
        assertThat(mail.html()).contains("href=\"" + link + "\"");
    }

    @Test
    void passwordChangedAndAccountLocked_mailNoticesToTheAddressTheUserRegisteredWith() {
        User user = new User();
        Instant lockedUntil = Instant.parse("2030-01-02T03:04:00Z");

        publish(user.registered());
        publish(user.passwordChanged());
        publish(user.accountLocked(lockedUntil));

        List<Mail> mails = await().atMost(WAIT).until(() -> mailsTo(user.email), m -> m.size() == 2);
        assertThat(mails).extracting(Mail::subject)
                .containsExactly("Your Acme Auth password was changed", "Your Acme Auth account is locked");
        assertThat(mails.get(0).text()).contains("https://auth.example.test/reset-password");
        assertThat(mails.get(1).text()).contains("until 2030-01-02 03:04 UTC");
        assertThat(mails.get(1).html()).contains("until 2030-01-02 03:04 UTC");
    }

    @Test
    void resetCompletedAndPhoneChanged_mailNotices_theLatterShowingOnlyAMaskOfTheNewNumber() {
        User user = new User();
        String newNumber = UserEvents.newPhoneNumber();

        publish(user.registered());
        publish(user.passwordResetCompleted());
        publish(user.phoneNumberChanged(newNumber));

        List<Mail> mails = await().atMost(WAIT).until(() -> mailsTo(user.email), m -> m.size() == 2);
        assertThat(mails).extracting(Mail::subject)
                .containsExactly("Your Acme Auth password was reset", "Your Acme Auth phone number was changed");
        assertThat(mails.get(1).text()).doesNotContain(newNumber)
                .contains(newNumber.substring(0, 3)).contains(newNumber.substring(newNumber.length() - 2));
        String stored = jdbc.sql("SELECT phone_number FROM recipient WHERE user_id = ?").param(user.id)
                .query(String.class).single();
        assertThat(stored).isEqualTo(newNumber);
    }

    @Test
    void aNoticeForAUserNeverSeenRegistering_isRecordedAsHavingNoRecipient() {
        User stranger = new User();
        UserEventEnvelope event = stranger.passwordChanged();

        publish(event);

        assertThat(awaitStatus(event, "email")).isEqualTo("NO_RECIPIENT");
        assertThat(mailsTo(stranger.email)).isEmpty();
    }

    @Test
    void aRedeliveredRegistration_doesNotUndoALaterPhoneChange() {
        User user = new User();
        UserEventEnvelope registered = user.registered();
        String newNumber = UserEvents.newPhoneNumber();
        UserEventEnvelope changed = user.phoneNumberChanged(newNumber);
        UserEventEnvelope marker = user.passwordChanged();

        publish(registered);
        publish(changed);
        publish(registered);
        publish(marker);

        awaitStatus(marker, "email");
        assertThat(jdbc.sql("SELECT phone_number FROM recipient WHERE user_id = ?").param(user.id)
                .query(String.class).single()).isEqualTo(newNumber);
    }

    private static Mail awaitMailTo(String address) {
        return await().atMost(WAIT).until(() -> mailsTo(address), m -> !m.isEmpty()).get(0);
    }
}
