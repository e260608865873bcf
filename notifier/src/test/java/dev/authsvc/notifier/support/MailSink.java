package dev.authsvc.notifier.support;

import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A GreenMail SMTP server receiving the notifier's mail: one for the whole test run, with the notifier's SMTP
 * account. Tests tell their mails apart by the recipient address.
 */
public final class MailSink {

    public static final String USERNAME = "notifier";
    public static final String PASSWORD = "notifier-smtp-secret";
    public static final String FROM = "no-reply@authsvc.test";

    private static final GreenMail SERVER = start();

    private MailSink() {
    }

    private static GreenMail start() {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.setUser(FROM, USERNAME, PASSWORD);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    public static Map<String, String> properties() {
        return Map.of(
                "notifier.smtp.host", "127.0.0.1",
                "notifier.smtp.port", Integer.toString(SERVER.getSmtp().getPort()),
                "notifier.smtp.username", USERNAME,
                "notifier.smtp.password", PASSWORD,
                "notifier.smtp.from", FROM);
    }

    /** A received mail, decoded. */
    public record Mail(String from, String subject, String text, String html) {
    }

    public static List<Mail> mailsTo(String address) {
        return mailsTo(SERVER, address);
    }

    /** What another GreenMail server, one of a test's own, received for {@code address}. */
    public static List<Mail> mailsTo(GreenMailOperations server, String address) {
        List<Mail> mails = new ArrayList<>();
        try {
            for (MimeMessage message : server.getReceivedMessages()) {
                Address[] recipients = message.getAllRecipients();
                if (recipients != null && List.of(recipients).stream().anyMatch(r -> r.toString().equals(address))) {
                    mails.add(decode(message));
                }
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
        return mails;
    }

    private static Mail decode(MimeMessage message) throws MessagingException, IOException {
        String[] bodies = new String[2];
        collect(message, bodies);
        return new Mail(message.getFrom()[0].toString(), message.getSubject(), bodies[0], bodies[1]);
    }

    private static void collect(Part part, String[] bodies) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = (String) part.getContent();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, bodies);
            }
        }
    }
}
