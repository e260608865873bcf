package dev.authsvc.notifier.delivery;

import dev.authsvc.notifier.privacy.Masks;
import java.util.Objects;

/**
 * One message to send. {@code text} and {@code html} may hold a code or a link with a token: this record's
 * {@link #toString()} shows neither them nor the full address.
 *
 * @param to      an E.164 phone number for SMS, an email address for mail
 * @param subject the mail's subject; {@code null} for SMS
 * @param html    the mail's HTML alternative; {@code null} for SMS
 */
public record Notification(EventRef event, Channel channel, String to, String subject, String text, String html) {

    public Notification {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }

    public static Notification sms(EventRef event, String to, String text) {
        return new Notification(event, Channel.SMS, to, null, text, null);
    }

    public static Notification email(EventRef event, String to, String subject, String text, String html) {
        return new Notification(event, Channel.EMAIL, to, subject, text, html);
    }

    public String maskedTo() {
        return Masks.address(to);
    }

    @Override
    public String toString() {
        return channel.id() + " for " + event + " to " + maskedTo();
    }
}
