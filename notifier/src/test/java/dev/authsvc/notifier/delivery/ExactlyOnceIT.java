package dev.authsvc.notifier.delivery;

import static dev.authsvc.notifier.support.MailSink.mailsTo;
import static dev.authsvc.notifier.support.TwilioStandIn.requestsTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.notifier.support.NotifierIntegrationTest;
import dev.authsvc.notifier.support.UserEvents;
import dev.authsvc.notifier.support.UserEvents.User;
import org.junit.jupiter.api.Test;

class ExactlyOnceIT extends NotifierIntegrationTest {

    @Test
    void theSameEventDeliveredTwice_sendsOnce() {
        User user = new User();
        UserEventEnvelope otp = user.otpRequested(UserEvents.newCode());
        UserEventEnvelope reset = user.passwordResetRequested(UserEvents.newToken());
        // Behind the duplicates on the user's partition: once it is handled, so are they.
        UserEventEnvelope marker = user.otpRequested(UserEvents.newCode());
        double duplicatesBefore = count("notifier.notifications.skipped", "reason", "duplicate", "channel", "sms");

        publish(otp);
        publish(reset);
        publish(otp);
        publish(reset);
        publish(marker);

        assertThat(awaitStatus(marker, "sms")).isEqualTo("SENT");
        assertThat(requestsTo(user.phoneNumber)).hasSize(2);
        assertThat(mailsTo(user.email)).hasSize(1);
        assertThat(count("notifier.notifications.skipped", "reason", "duplicate", "channel", "sms"))
                .isEqualTo(duplicatesBefore + 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE user_id = ?").param(user.id)
                .query(Integer.class).single()).isEqualTo(3);
    }
}
