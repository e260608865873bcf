package dev.authsvc.notifier.sms;

import static dev.authsvc.notifier.support.TwilioStandIn.form;
import static dev.authsvc.notifier.support.TwilioStandIn.requestsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.OtpRequestedData;
import dev.authsvc.events.data.SealedValue;
import dev.authsvc.notifier.event.FailedEvents;
import dev.authsvc.notifier.support.EventTopic;
import dev.authsvc.notifier.support.NotifierIntegrationTest;
import dev.authsvc.notifier.support.TwilioStandIn;
import dev.authsvc.notifier.support.UserEvents;
import dev.authsvc.notifier.support.UserEvents.User;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

class SmsDeliveryIT extends NotifierIntegrationTest {

    @Test
    void otpRequested_sendsTheCodeThroughTwilio_withBasicAuthToFromAndBody() {
        User user = new User();
        String code = UserEvents.newCode();
        UserEventEnvelope event = user.otpRequested(code);

        publish(event);

        LoggedRequest request = await().atMost(WAIT).until(() -> requestsTo(user.phoneNumber), r -> !r.isEmpty()).get(0);
        String basic = Base64.getEncoder().encodeToString((TwilioStandIn.ACCOUNT_SID + ":" + TwilioStandIn.AUTH_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + basic);
        assertThat(form(request, "To")).isEqualTo(user.phoneNumber);
        assertThat(form(request, "From")).isEqualTo(TwilioStandIn.FROM);
        assertThat(form(request, "Body")).contains(code).contains("Acme Auth").contains("5 minutes");
        assertThat(awaitStatus(event, "sms")).isEqualTo("SENT");
    }

    @Test
    void phoneChangeRequested_sendsTheCodeToTheNewNumber() {
        User user = new User();
        String newNumber = UserEvents.newPhoneNumber();
        String code = UserEvents.newCode();

        publish(user.phoneChangeRequested(newNumber, code));

        LoggedRequest request = await().atMost(WAIT).until(() -> requestsTo(newNumber), r -> !r.isEmpty()).get(0);
        assertThat(form(request, "Body")).contains(code).contains("confirm this phone number");
        assertThat(requestsTo(user.phoneNumber)).isEmpty();
    }

    @Test
    void aTwilio500_isRetriedWithBackoff_thenTheMessageGoesOut() {
        User user = new User();
        TwilioStandIn.failOnceThenAccept(user.phoneNumber, 500);
        double retriedBefore = count("notifier.notifications.retried", "channel", "sms");
        UserEventEnvelope event = user.otpRequested(UserEvents.newCode());

        publish(event);

        assertThat(awaitStatus(event, "sms")).isEqualTo("SENT");
        assertThat(requestsTo(user.phoneNumber)).hasSize(2);
        assertThat(count("notifier.notifications.retried", "channel", "sms")).isEqualTo(retriedBefore + 1);
        assertThat(count("notifier.notifications.failed", "channel", "sms", "kind", "retryable")).isGreaterThan(0);
    }

    @Test
    void aTwilio400_isNotRetried_goesToTheDeadLetterTopicWithTheReason_andThePartitionMovesOn() {
        User user = new User();
        TwilioStandIn.refuse(user.phoneNumber, 400, 21211,
                "The 'To' number " + user.phoneNumber + " is not a valid phone number.");
        double deadLetteredBefore = count("notifier.notifications.dead.lettered", "channel", "sms");
        UserEventEnvelope refused = user.otpRequested(UserEvents.newCode());
        UserEventEnvelope next = user.emailVerificationRequested(UserEvents.newToken());

        publish(refused);
        publish(next);

        ConsumerRecord<String, String> dead = EventTopic.await(DEAD_LETTER_TOPIC, refused.eventId(), WAIT);
        String reason = EventTopic.header(dead, FailedEvents.REASON_HEADER);
        assertThat(reason).contains("HTTP 400").contains("21211").contains("not a valid phone number")
                .doesNotContain(user.phoneNumber);
        assertThat(dead.key()).isEqualTo(user.id);
        assertThat(EventTopic.header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
        assertThat(requestsTo(user.phoneNumber)).hasSize(1);
        assertThat(awaitStatus(refused, "sms")).isEqualTo("FAILED");
        assertThat(detail(refused, "sms")).isEqualTo(reason);
        assertThat(count("notifier.notifications.dead.lettered", "channel", "sms")).isEqualTo(deadLetteredBefore + 1);
        // The user's next event, behind the refused one on the same partition, is not held up.
        assertThat(awaitStatus(next, "email")).isEqualTo("SENT");
    }

    @Test
    void anOtpAlreadyExpiredWhenConsumed_isNotSent_andThatIsRecorded() {
        User user = new User();
        UserEventEnvelope expired = user.otpRequested(UserEvents.newCode(), Instant.now().minus(Duration.ofSeconds(1)));

        publish(expired);

        assertThat(awaitStatus(expired, "sms")).isEqualTo("EXPIRED");
        assertThat(detail(expired, "sms")).contains("expired");
        assertThat(requestsTo(user.phoneNumber)).isEmpty();
    }

    @Test
    void aSealedCodeThatDoesNotOpen_isDeadLettered_withoutASend() {
        User user = new User();
        UserEventEnvelope good = user.otpRequested(UserEvents.newCode());
        OtpRequestedData goodData = (OtpRequestedData) good.data();
        SealedValue foreign = new SealedValue("unknown-key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                SealedValue.BOUND);
        OtpRequestedData data = new OtpRequestedData(goodData.phoneNumber(), foreign, goodData.expiresAt());
        UserEventEnvelope tampered = new UserEventEnvelope(good.eventId(), good.type(), good.schemaVersion(),
                good.userId(), good.sequence(), good.occurredAt(), data);

        publish(tampered);

        ConsumerRecord<String, String> dead = EventTopic.await(DEAD_LETTER_TOPIC, tampered.eventId(), WAIT);
        assertThat(EventTopic.header(dead, FailedEvents.REASON_HEADER)).contains("no seal key with id 'unknown-key'");
        assertThat(requestsTo(user.phoneNumber)).isEmpty();
    }

    @Test
    void aRecordThatIsNotAnEvent_isDeadLettered() {
        String marker = "not-an-event-" + System.nanoTime();

        EventTopic.publish(TOPIC, "some-key", "{\"" + marker + "\": true}", "Garbage");

        ConsumerRecord<String, String> dead = EventTopic.await(DEAD_LETTER_TOPIC, marker, WAIT);
        assertThat(EventTopic.header(dead, FailedEvents.REASON_HEADER)).startsWith("malformed event");
    }
}
