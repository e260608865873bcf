package dev.authsvc.notifier.privacy;

import static dev.authsvc.notifier.support.MailSink.mailsTo;
import static dev.authsvc.notifier.support.TwilioStandIn.requestsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.notifier.event.FailedEvents;
import dev.authsvc.notifier.support.EventTopic;
import dev.authsvc.notifier.support.NotifierIntegrationTest;
import dev.authsvc.notifier.support.TwilioStandIn;
import dev.authsvc.notifier.support.UserEvents;
import dev.authsvc.notifier.support.UserEvents.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Security rule (docs/security-rules.md): logs mask phone numbers and emails and never hold a code or token. Drives every kind of
 * message, a provider refusal that quotes the number, a retried failure and an expired code, then searches
 * everything logged for each code, token, phone number and email address.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsIT extends NotifierIntegrationTest {

    @Test
    void noCodeTokenPhoneNumberOrEmailReachesTheLogs(CapturedOutput output) {
        List<String> secrets = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        User user = new User();
        User refused = new User();
        User flaky = new User();
        String newNumber = UserEvents.newPhoneNumber();
        addresses.addAll(List.of(user.phoneNumber, user.email, refused.phoneNumber, flaky.phoneNumber, newNumber));
        TwilioStandIn.refuse(refused.phoneNumber, 400, 21211,
                "The 'To' number " + refused.phoneNumber + " is not a valid phone number.");
        TwilioStandIn.failOnceThenAccept(flaky.phoneNumber, 503);

        List<UserEventEnvelope> events = new ArrayList<>();
        events.add(user.registered());
        events.add(user.otpRequested(secret(secrets, UserEvents.newCode())));
        events.add(user.otpRequested(secret(secrets, UserEvents.newCode()), Instant.now().minus(Duration.ofMinutes(1))));
        events.add(user.phoneChangeRequested(newNumber, secret(secrets, UserEvents.newCode())));
        events.add(user.phoneNumberChanged(newNumber));
        events.add(user.emailVerificationRequested(secret(secrets, UserEvents.newToken())));
        events.add(user.passwordResetRequested(secret(secrets, UserEvents.newToken())));
        events.add(user.passwordChanged());
        events.add(user.accountLocked(Instant.now().plus(Duration.ofMinutes(15))));
        UserEventEnvelope last = user.passwordResetCompleted();
        events.add(last);
        UserEventEnvelope refusedOtp = refused.otpRequested(secret(secrets, UserEvents.newCode()));
        UserEventEnvelope flakyOtp = flaky.otpRequested(secret(secrets, UserEvents.newCode()));

        events.forEach(NotifierIntegrationTest::publish);
        publish(refusedOtp);
        publish(flakyOtp);

        assertThat(awaitStatus(last, "email")).isEqualTo("SENT");
        assertThat(awaitStatus(flakyOtp, "sms")).isEqualTo("SENT");
        EventTopic.await(DEAD_LETTER_TOPIC, refusedOtp.eventId(), WAIT);
        await().atMost(WAIT).until(() -> mailsTo(user.email).size() == 6);
        assertThat(requestsTo(user.phoneNumber)).hasSize(1);
        assertThat(requestsTo(newNumber)).hasSize(1);
        assertThat(output.getAll()).contains(FailedEvents.class.getSimpleName()).contains("retryable");

        String logs = output.getAll();
        for (String secret : secrets) {
            assertThat(logs).as("a code or token in the logs").doesNotContain(secret);
            assertThat(logs).doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }
        for (String address : addresses) {
            assertThat(logs).as("a full phone number or email in the logs").doesNotContain(address);
            assertThat(logs).doesNotContain(address.substring(1));
        }
    }

    private static String secret(List<String> secrets, String secret) {
        secrets.add(secret);
        return secret;
    }
}
