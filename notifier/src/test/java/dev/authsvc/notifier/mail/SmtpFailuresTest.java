package dev.authsvc.notifier.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.notifier.config.NotifierProperties;
import dev.authsvc.notifier.delivery.DeliveryException;
import dev.authsvc.notifier.delivery.EventRef;
import dev.authsvc.notifier.delivery.Notification;
import dev.authsvc.notifier.delivery.PermanentDeliveryException;
import dev.authsvc.notifier.delivery.RetryableDeliveryException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class SmtpFailuresTest {

    private static final Notification MAIL = Notification.email(
            new EventRef("e1", "PasswordChanged", "u1", Instant.now()), "john.doe@example.com", "Subject", "text",
            "<p>html</p>");

    @Test
    void a4xxReply_isRetryable() {
        DeliveryException failure = SmtpFailures.classify(new MailSendException(Map.of("message",
                new SMTPSendFailedException("DATA", 451, "451 4.7.1 Greylisted, try again later", null, null, null, null))));

        assertThat(failure).isInstanceOf(RetryableDeliveryException.class);
        assertThat(failure.getMessage()).contains("451");
    }

    @Test
    void a5xxReplyForTheRecipient_isPermanent_andTheAddressIsMasked() throws Exception {
        SendFailedException rejected = new SendFailedException("Invalid Addresses", new SMTPAddressFailedException(
                new InternetAddress("john.doe@example.com"), "RCPT TO:<john.doe@example.com>", 550,
                "550 5.1.1 <john.doe@example.com>: Recipient address rejected"));

        DeliveryException failure = SmtpFailures.classify(new MailSendException(Map.of("message", rejected)));

        assertThat(failure).isInstanceOf(PermanentDeliveryException.class);
        assertThat(failure.getMessage()).contains("550").contains("j***@example.com")
                .doesNotContain("john.doe@example.com");
        assertThat(failure.getCause()).isNull();
    }

    @Test
    void aTimeout_isRetryable() {
        MessagingException timedOut = new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"));

        assertThat(SmtpFailures.classify(timedOut)).isInstanceOf(RetryableDeliveryException.class);
    }

    @Test
    void refusedCredentials_arePermanent() {
        assertThat(SmtpFailures.classify(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid")))
                .isInstanceOf(PermanentDeliveryException.class);
    }

    @Test
    void aServerThatRefusesTheConnection_isRetryable() throws Exception {
        assertThatThrownBy(() -> sender(closedPort(), "starttls").send(MAIL))
                .isInstanceOf(RetryableDeliveryException.class)
                .hasMessageContaining("unreachable")
                .hasMessageNotContaining("john.doe@example.com");
    }

    @Test
    void sslToAServerThatRefusesTheConnection_isRetryable() throws Exception {
        assertThatThrownBy(() -> sender(closedPort(), "ssl").send(MAIL))
                .isInstanceOf(RetryableDeliveryException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void sslToAServerWhoseCertificateDoesNotVerify_isPermanent_namingTheCertificate() {
        GreenMail smtps = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
        smtps.start();
        try {
            assertThatThrownBy(() -> sender(smtps.getSmtps().getPort(), "ssl").send(MAIL))
                    .isInstanceOf(PermanentDeliveryException.class)
                    .hasMessageContaining("certificate not accepted")
                    .hasMessageContaining("PKIX path building failed");
            assertThat(smtps.getReceivedMessages()).isEmpty();
        } finally {
            smtps.stop();
        }
    }

    @Test
    void sslToAPlainTextSmtpPort_isPermanent_pointingAtSmtpSecurity() {
        GreenMail plain = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        plain.start();
        try {
            assertThatThrownBy(() -> sender(plain.getSmtp().getPort(), "ssl").send(MAIL))
                    .isInstanceOf(PermanentDeliveryException.class)
                    .hasMessageContaining("TLS with the SMTP server failed")
                    .hasMessageContaining("SMTP_SECURITY");
            assertThat(plain.getReceivedMessages()).isEmpty();
        } finally {
            plain.stop();
        }
    }

    private static SmtpEmailSender sender(int port, String security) {
        return new SmtpEmailSender(new NotifierProperties.Smtp("127.0.0.1", port, security, false, null, null,
                "no-reply@example.com", Duration.ofSeconds(2)), "Acme");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
