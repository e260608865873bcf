package dev.authsvc.notifier.mail;

import dev.authsvc.notifier.config.NotifierProperties;
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
 * name. STARTTLS is used when the server offers it (not required, so a local sink works); SMTP AUTH when a
 * username is set.
 */
public final class SmtpEmailSender implements Sender {

    private final JavaMailSenderImpl mailSender;
    private final InternetAddress from;

    public SmtpEmailSender(NotifierProperties.Smtp smtp, String productName) {
        this.mailSender = new JavaMailSenderImpl();
        mailSender.setHost(smtp.host());
        mailSender.setPort(smtp.port());
        mailSender.setUsername(smtp.username());
        mailSender.setPassword(smtp.password());
        mailSender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        String timeout = Long.toString(smtp.timeout().toMillis());
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.auth", Boolean.toString(smtp.username() != null));
        properties.setProperty("mail.smtp.starttls.enable", "true");
        properties.setProperty("mail.smtp.starttls.required", "false");
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
        return "SMTP server " + mailSender.getHost() + ":" + mailSender.getPort()
                + (mailSender.getUsername() != null ? " (SMTP AUTH)" : "");
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
