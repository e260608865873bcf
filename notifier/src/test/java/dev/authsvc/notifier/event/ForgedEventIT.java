package dev.authsvc.notifier.event;

import static dev.authsvc.notifier.support.MailSink.mailsTo;
import static dev.authsvc.notifier.support.TwilioStandIn.requestsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.OtpRequestedData;
import dev.authsvc.events.data.PasswordResetRequestedData;
import dev.authsvc.events.data.PhoneChangeRequestedData;
import dev.authsvc.events.data.SealedValue;
import dev.authsvc.events.data.UserEventData;
import dev.authsvc.events.seal.SealedValueCipher;
import dev.authsvc.notifier.support.EventTopic;
import dev.authsvc.notifier.support.NotifierIntegrationTest;
import dev.authsvc.notifier.support.TestKeys;
import dev.authsvc.notifier.support.UserEvents;
import dev.authsvc.notifier.support.UserEvents.User;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Someone who can write to the topic copies the sealed code or token of a real event into a forged one addressed
 * to themselves. The sealed value is bound to its user, event type, field and recipient, so the notifier sends
 * nothing, dead-letters the forgery and counts it, while the real event is still delivered.
 */
class ForgedEventIT extends NotifierIntegrationTest {

    private static final String REFUSED = "notifier.sealed.values.refused";

    @Test
    void aResetTokenCopiedIntoAResetRequestForAnotherAddress_isNotMailed_butDeadLetteredAndCounted() {
        User victim = new User();
        String attacker = "mallory." + victim.id.substring(0, 8) + "@example.com";
        UserEventEnvelope real = victim.passwordResetRequested(UserEvents.newToken());
        UserEventEnvelope forged = forge(real, "email", attacker);
        double refusedBefore = count(REFUSED, "type", PasswordResetRequestedData.TYPE);

        publish(forged);
        publish(real);

        ConsumerRecord<String, String> dead = EventTopic.await(DEAD_LETTER_TOPIC, forged.eventId(), WAIT);
        assertThat(EventTopic.header(dead, FailedEvents.REASON_HEADER)).contains("failed authentication");
        await().atMost(WAIT).until(() -> count(REFUSED, "type", PasswordResetRequestedData.TYPE),
                count -> count == refusedBefore + 1);
        // the real event, behind the forgery on the same partition, is mailed to the victim only
        await().atMost(WAIT).until(() -> mailsTo(victim.email), mails -> mails.size() == 1);
        assertThat(mailsTo(attacker)).isEmpty();
        assertThat(status(forged, "email")).hasValue("FAILED");
    }

    @Test
    void aLoginCodeCopiedIntoAnOtpRequestForAnotherNumber_isNotTexted_butDeadLetteredAndCounted() {
        User victim = new User();
        String attacker = UserEvents.newPhoneNumber();
        UserEventEnvelope real = victim.otpRequested(UserEvents.newCode());
        UserEventEnvelope forged = forge(real, "phone_number", attacker);
        double refusedBefore = count(REFUSED, "type", OtpRequestedData.TYPE);

        publish(forged);

        EventTopic.await(DEAD_LETTER_TOPIC, forged.eventId(), WAIT);
        await().atMost(WAIT).until(() -> count(REFUSED, "type", OtpRequestedData.TYPE),
                count -> count == refusedBefore + 1);
        assertThat(requestsTo(attacker)).isEmpty();
        assertThat(requestsTo(victim.phoneNumber)).isEmpty();
    }

    @Test
    void aLoginCodeCopiedIntoAPhoneChangeForTheSameNumber_isNotTexted() {
        User victim = new User();
        UserEventEnvelope real = victim.otpRequested(UserEvents.newCode());
        OtpRequestedData otp = (OtpRequestedData) real.data();
        PhoneChangeRequestedData data = new PhoneChangeRequestedData(victim.phoneNumber, otp.sealedCode(),
                otp.expiresAt());
        UserEventEnvelope forged = new UserEventEnvelope(UUID.randomUUID().toString(), PhoneChangeRequestedData.TYPE,
                real.schemaVersion(), real.userId(), real.sequence() + 1, Instant.now(), data);

        publish(forged);

        EventTopic.await(DEAD_LETTER_TOPIC, forged.eventId(), WAIT);
        assertThat(requestsTo(victim.phoneNumber)).isEmpty();
    }

    @Test
    void aValueSealedWithoutItsContext_isRefusedToo() {
        User user = new User();
        String attacker = "eve." + user.id.substring(0, 8) + "@example.com";
        SealedValueCipher keyIdOnly = SealedValueCipher.sealing(TestKeys.SEAL_KEY_ID,
                Map.of(TestKeys.SEAL_KEY_ID, Base64.getDecoder().decode(TestKeys.SEAL_KEY)), new SecureRandom());
        SealedValue unbound = keyIdOnly.seal(UserEvents.newToken());
        UserEventEnvelope event = user.event(PasswordResetRequestedData.TYPE, new PasswordResetRequestedData(attacker,
                unbound, Instant.now().plus(Duration.ofMinutes(30))));

        publish(event);

        ConsumerRecord<String, String> dead = EventTopic.await(DEAD_LETTER_TOPIC, event.eventId(), WAIT);
        assertThat(EventTopic.header(dead, FailedEvents.REASON_HEADER)).contains("not bound");
        assertThat(mailsTo(attacker)).isEmpty();
    }

    /** A new event of the real one's user and type, its sealed value copied, {@code field} re-addressed. */
    private static UserEventEnvelope forge(UserEventEnvelope real, String field, String recipient) {
        UserEventData data;
        if (real.data() instanceof PasswordResetRequestedData reset && field.equals("email")) {
            data = new PasswordResetRequestedData(recipient, reset.sealedToken(), reset.expiresAt());
        } else if (real.data() instanceof OtpRequestedData otp && field.equals("phone_number")) {
            data = new OtpRequestedData(recipient, otp.sealedCode(), otp.expiresAt());
        } else {
            throw new IllegalArgumentException("no forgery of " + field + " in " + real.type());
        }
        return new UserEventEnvelope(UUID.randomUUID().toString(), real.type(), real.schemaVersion(), real.userId(),
                real.sequence() + 1, Instant.now(), data);
    }
}
