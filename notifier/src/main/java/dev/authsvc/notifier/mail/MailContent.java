package dev.authsvc.notifier.mail;

/** A mail's subject with its plain-text and HTML bodies. */
public record MailContent(String subject, String text, String html) {

    @Override
    public String toString() {
        return "MailContent[" + subject + "]";
    }
}
