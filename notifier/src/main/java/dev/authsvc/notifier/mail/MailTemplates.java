package dev.authsvc.notifier.mail;

import static dev.authsvc.notifier.delivery.Durations.inWords;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Every mail the notifier sends, as plain text and HTML. Values inserted into the HTML are escaped; tokens are
 * URL-encoded into the links, which point at {@code PUBLIC_BASE_URL}.
 */
public final class MailTemplates {

    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final String productName;
    private final String baseUrl;

    public MailTemplates(String productName, URI publicBaseUrl) {
        this.productName = productName;
        this.baseUrl = publicBaseUrl.toString();
    }

    public String verifyEmailLink(String token) {
        return baseUrl + "/verify-email?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    public String resetPasswordLink(String token) {
        return baseUrl + "/reset-password?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    public MailContent emailVerification(String token, Duration validFor) {
        String link = verifyEmailLink(token);
        return mail("Confirm your email address for " + productName,
                "Please confirm that this address belongs to your " + productName + " account by opening this link:",
                link, "Confirm my email address",
                "The link works once and expires in " + inWords(validFor)
                        + ". If you did not create an account, ignore this mail.");
    }

    public MailContent passwordReset(String token, Duration validFor) {
        String link = resetPasswordLink(token);
        return mail("Reset your " + productName + " password",
                "Someone, hopefully you, asked to reset the password of your " + productName
                        + " account. To choose a new password, open this link:",
                link, "Choose a new password",
                "The link works once and expires in " + inWords(validFor)
                        + ". If you did not ask for it, ignore this mail: your password stays as it is.");
    }

    public MailContent passwordChanged() {
        return notice("Your " + productName + " password was changed",
                "The password of your " + productName + " account was just changed. Your other sessions were "
                        + "signed out.");
    }

    public MailContent passwordResetCompleted() {
        return notice("Your " + productName + " password was reset",
                "The password of your " + productName + " account was just reset through a link sent to this "
                        + "address. Every session was signed out.");
    }

    public MailContent phoneNumberChanged(String maskedPhoneNumber) {
        return notice("Your " + productName + " phone number was changed",
                "The phone number of your " + productName + " account is now " + maskedPhoneNumber
                        + ". Login codes go to that number from now on.");
    }

    public MailContent accountLocked(Instant lockedUntil) {
        String until = lockedUntil == null ? "for a while" : "until " + UTC_TIME.format(lockedUntil);
        return notice("Your " + productName + " account is locked",
                "After too many failed sign-in attempts, your " + productName + " account is locked " + until
                        + ". Nobody can sign in to it before then, you included.");
    }

    private MailContent notice(String subject, String what) {
        String resetLink = baseUrl + "/reset-password";
        String text = """
                Hello,

                %s

                If this was not you, reset your password now at %s and tell your administrator.

                -- %s
                """.formatted(what, resetLink, productName);
        String html = page(subject, """
                <p>%s</p>
                <p>If this was not you, <a href="%s">reset your password now</a> and tell your administrator.</p>"""
                .formatted(escape(what), escape(resetLink)));
        return new MailContent(subject, text, html);
    }

    private MailContent mail(String subject, String intro, String link, String buttonLabel, String outro) {
        String text = """
                Hello,

                %s

                %s

                %s

                -- %s
                """.formatted(intro, link, outro, productName);
        String html = page(subject, """
                <p>%s</p>
                <p><a href="%s" style="display:inline-block;padding:10px 18px;background:#1a56db;color:#ffffff;text-decoration:none;border-radius:4px">%s</a></p>
                <p style="font-size:13px;color:#555555">Or copy this link into your browser:<br>%s</p>
                <p>%s</p>"""
                .formatted(escape(intro), escape(link), escape(buttonLabel), escape(link), escape(outro)));
        return new MailContent(subject, text, html);
    }

    private String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>%s</title></head>
                <body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#222222;max-width:560px">
                <p>Hello,</p>
                %s
                <p>&mdash; %s</p>
                </body>
                </html>
                """.formatted(escape(title), body, escape(productName));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
