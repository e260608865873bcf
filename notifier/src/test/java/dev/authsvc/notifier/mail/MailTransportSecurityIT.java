package dev.authsvc.notifier.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.notifier.event.FailedEvents;
import dev.authsvc.notifier.support.EventTopic;
import dev.authsvc.notifier.support.MailSink;
import dev.authsvc.notifier.support.MailSink.Mail;
import dev.authsvc.notifier.support.Notifiers;
import dev.authsvc.notifier.support.UserEvents;
import dev.authsvc.notifier.support.UserEvents.User;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SMTP_SECURITY against real servers: a GreenMail speaking implicit TLS (SMTPS, with its built-in self-signed
 * certificate) and the shared plain-text GreenMail, which offers no STARTTLS. Each test starts a notifier with its
 * settings on a topic of its own.
 */
class MailTransportSecurityIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final GreenMailExtension SMTPS = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig()
                    .withUser(MailSink.FROM, MailSink.USERNAME, MailSink.PASSWORD))
            .withPerMethodLifecycle(false);

    @Test
    void withSsl_theMailReachesAnSmtpsServer() {
        User user = new User();
        String token = UserEvents.newToken();
        UserEventEnvelope event = user.passwordResetRequested(token);

        try (ConfigurableApplicationContext notifier = start("smtps", Map.of(
                "notifier.smtp.port", Integer.toString(SMTPS.getSmtps().getPort()),
                "notifier.smtp.security", "ssl",
                "notifier.smtp.trust-all", "true"))) {
            EventTopic.publish("smtps.user-events.v1", event);

            List<Mail> mails = await().atMost(WAIT).until(() -> MailSink.mailsTo(SMTPS, user.email), m -> !m.isEmpty());
            assertThat(mails.get(0).subject()).isEqualTo("Reset your authsvc password");
            assertThat(mails.get(0).text()).contains("/reset-password?token=" + token);
            assertThat(mails.get(0).html()).contains("/reset-password?token=" + token);
            assertThat(awaitStatus(notifier, event)).isEqualTo("SENT");
        }
    }

    @Test
    void withSslAndTheCertificateVerified_aSelfSignedCertificateIsRefused_andTheMailDeadLetteredWithoutRetries() {
        User user = new User();
        UserEventEnvelope event = user.passwordResetRequested(UserEvents.newToken());

        try (ConfigurableApplicationContext notifier = start("smtps-verified", Map.of(
                "notifier.smtp.port", Integer.toString(SMTPS.getSmtps().getPort()),
                "notifier.smtp.security", "ssl"))) {
            EventTopic.publish("smtps-verified.user-events.v1", event);

            ConsumerRecord<String, String> dead = EventTopic.await("smtps-verified.user-events.v1.DLT",
                    event.eventId(), WAIT);
            assertThat(EventTopic.header(dead, FailedEvents.REASON_HEADER))
                    .contains("certificate not accepted").contains("PKIX path building failed");
            assertThat(awaitStatus(notifier, event)).isEqualTo("FAILED");
            assertThat(count(notifier, "notifier.notifications.retried", "channel", "email")).isZero();
            assertThat(count(notifier, "notifier.notifications.failed", "channel", "email", "kind", "permanent"))
                    .isEqualTo(1);
            assertThat(MailSink.mailsTo(SMTPS, user.email)).isEmpty();
        }
    }

    @Test
    void withStarttlsRequired_aServerWithoutStarttlsGetsNothingInClearText_andTheMailIsDeadLettered() {
        User user = new User();
        UserEventEnvelope event = user.passwordResetRequested(UserEvents.newToken());

        try (ConfigurableApplicationContext notifier = start("starttls-required",
                Map.of("notifier.smtp.security", "starttls-required"))) {
            EventTopic.publish("starttls-required.user-events.v1", event);

            ConsumerRecord<String, String> dead = EventTopic.await("starttls-required.user-events.v1.DLT",
                    event.eventId(), WAIT);
            assertThat(EventTopic.header(dead, FailedEvents.REASON_HEADER))
                    .contains("STARTTLS is required but host does not support STARTTLS");
            assertThat(awaitStatus(notifier, event)).isEqualTo("FAILED");
            assertThat(MailSink.mailsTo(user.email)).isEmpty();
        }
    }

    /** A notifier on topic {@code <name>.user-events.v1}, mailing with the shared GreenMail's account. */
    private static ConfigurableApplicationContext start(String name, Map<String, String> smtp) {
        return Notifiers.start(name + ".user-events.v1", "notifier-" + name, smtp);
    }

    private static String awaitStatus(ConfigurableApplicationContext notifier, UserEventEnvelope event) {
        return await().atMost(WAIT).until(() -> notifier.getBean(JdbcClient.class)
                .sql("SELECT status FROM notification WHERE event_id = ? AND channel = 'email'")
                .param(event.eventId())
                .query(String.class)
                .optional(), Optional::isPresent).orElseThrow();
    }

    private static double count(ConfigurableApplicationContext notifier, String name, String... tags) {
        Counter counter = notifier.getBean(MeterRegistry.class).find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
