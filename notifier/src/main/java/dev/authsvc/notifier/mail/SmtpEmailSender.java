package dev.authsvc.notifier.mail;

import dev.authsvc.notifier.config.NotifierProperties;
import dev.authsvc.notifier.config.NotifierProperties.Smtp.Security;
import dev.authsvc.notifier.delivery.Channel;
import dev.authsvc.notifier.delivery.Notification;
import dev.authsvc.notifier.delivery.Sender;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends mail over SMTP with Spring Mail: text and HTML alternatives, from {@code SMTP_FROM} under the product's
 * name. The connection is secured as {@code SMTP_SECURITY} says (STARTTLS when offered, STARTTLS required, or
 * implicit TLS) with the server's certificate verified, chain and host name, unless {@code SMTP_TRUST_ALL}; SMTP
 * AUTH when a username is set.
 */
public final class SmtpEmailSender implements Sender {

    private final JavaMailSenderImpl mailSender;
    private final InternetAddress from;
    private final NotifierProperties.Smtp smtp;

    public SmtpEmailSender(NotifierProperties.Smtp smtp, String productName) {
        this.smtp = smtp;
        this.mailSender = new JavaMailSenderImpl();
        mailSender.setHost(smtp.host());
        mailSender.setPort(smtp.port());
        mailSender.setUsername(smtp.username());
        mailSender.setPassword(smtp.password());
        mailSender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        String timeout = Long.toString(smtp.timeout().toMillis());
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.auth", Boolean.toString(smtp.username() != null));
        // Implicit TLS as mail.smtp.ssl.enable rather than the smtps protocol: all mail.smtp.* settings here apply.
        Security security = Security.named(smtp.security()).orElseThrow();
        properties.setProperty("mail.smtp.ssl.enable", Boolean.toString(security == Security.SSL));
        properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(security != Security.SSL));
        properties.setProperty("mail.smtp.starttls.required",
                Boolean.toString(security == Security.STARTTLS_REQUIRED));
        properties.setProperty("mail.smtp.ssl.checkserveridentity", Boolean.toString(!smtp.trustAll()));
        if (smtp.trustAll()) {
            // Angus trusts a listed host's certificate without checking its chain; the name check is off above.
            properties.setProperty("mail.smtp.ssl.trust", smtp.host());
        }
        properties.setProperty("mail.smtp.connectiontimeout", timeout);
        properties.setProperty("mail.smtp.timeout", timeout);
        properties.setProperty("mail.smtp.writetimeout", timeout);
        mailSender.setJavaMailProperties(properties);
        try {
            this.from = new InternetAddress(smtp.from(), productName, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String describe() {
        return "SMTP server " + smtp.host() + ":" + smtp.port() + " (" + smtp.security()
                + (smtp.trustAll() ? ", certificate not verified" : "") + (smtp.username() != null ? ", SMTP AUTH" : "")
                + ")";
    }

    @Override
    public String send(Notification notification) {
        try {
            MimeMessage message = mailSender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, notification.html() != null,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(notification.to());
            helper.setSubject(notification.subject());
            if (notification.html() != null) {
                helper.setText(notification.text(), notification.html());
            } else {
                helper.setText(notification.text());
            }
            mailSender.send(message);
            return message.getMessageID();
        } catch (MessagingException | MailException failure) {
            throw SmtpFailures.classify(failure);
        }
    }
}
