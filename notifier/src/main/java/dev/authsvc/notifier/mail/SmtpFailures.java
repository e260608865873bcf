package dev.authsvc.notifier.mail;

import dev.authsvc.notifier.delivery.DeliveryException;
import dev.authsvc.notifier.delivery.PermanentDeliveryException;
import dev.authsvc.notifier.delivery.RetryableDeliveryException;
import dev.authsvc.notifier.privacy.Masks;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailSendException;

/**
 * Tells a passing SMTP failure from a lasting one. SMTP says it itself: a 4xx reply (greylisting, a full
 * mailbox, a busy server) may pass, a 5xx reply (no such user, relaying denied) will not. Without a reply, a
 * failure to connect or a broken connection (refused, timed out, reset, also during the TLS handshake) may pass.
 * TLS that fails on its own will not: a certificate that does not verify, or no TLS spoken at all (a plain port
 * with {@code SMTP_SECURITY=ssl}), is a configuration to fix, not a wait. Anything else will not pass either.
 */
final class SmtpFailures {

    private static final Pattern REPLY_CODE = Pattern.compile("(?<![0-9])([45][0-9]{2})(?![0-9])");

    private SmtpFailures() {
    }

    static DeliveryException classify(Exception failure) {
        List<Throwable> chain = chain(failure);
        Integer code = null;
        for (Throwable t : chain) {
            Integer reply = replyCode(t);
            if (reply != null && (code == null || reply >= 500)) {
                code = reply;
            }
        }
        String detail = Masks.scrub(describe(chain));
        if (code != null) {
            String reason = "SMTP server answered " + code + ": " + detail;
            return code >= 500 ? new PermanentDeliveryException(reason) : new RetryableDeliveryException(reason);
        }
        if (chain.stream().anyMatch(AddressException.class::isInstance)) {
            return new PermanentDeliveryException("invalid mail address: " + detail);
        }
        Optional<Throwable> certificate = chain.stream().filter(CertificateException.class::isInstance).findFirst();
        if (certificate.isPresent()) {
            return new PermanentDeliveryException("SMTP server's certificate not accepted: "
                    + Masks.scrub(describe(certificate.get())));
        }
        boolean tls = chain.stream().anyMatch(SSLException.class::isInstance);
        boolean connection = chain.stream().anyMatch(t -> t instanceof IOException && !(t instanceof SSLException));
        if (tls && !connection) {
            return new PermanentDeliveryException(
                    "TLS with the SMTP server failed (does SMTP_SECURITY suit the port?): " + detail);
        }
        if (chain.stream().anyMatch(IOException.class::isInstance)) {
            return new RetryableDeliveryException("SMTP server unreachable: " + detail);
        }
        for (Throwable t : chain) {
            Matcher matcher = t.getMessage() == null ? null : REPLY_CODE.matcher(t.getMessage());
            if (matcher != null && matcher.find()) {
                String reason = "SMTP server answered " + matcher.group(1) + ": " + detail;
                return matcher.group(1).startsWith("4") ? new RetryableDeliveryException(reason)
                        : new PermanentDeliveryException(reason);
            }
        }
        return new PermanentDeliveryException("mail not sent: " + detail);
    }

    private static Integer replyCode(Throwable t) {
        if (t instanceof SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSenderFailedException e) {
            return e.getReturnCode();
        }
        return null;
    }

    /** The failure and everything it wraps: causes, chained messaging exceptions, per-message failures. */
    private static List<Throwable> chain(Exception failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        Deque<Throwable> todo = new ArrayDeque<>(List.of(failure));
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            chain.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof MessagingException messaging && messaging.getNextException() != null) {
                todo.add(messaging.getNextException());
            }
            if (t instanceof MailSendException send) {
                todo.addAll(List.of(send.getMessageExceptions()));
            }
        }
        return chain;
    }

    /** The innermost messages, which carry the server's reply; never the whole stack. */
    private static String describe(List<Throwable> chain) {
        return describe(chain.get(chain.size() - 1));
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
        return failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
