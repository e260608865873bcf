package dev.authsvc.command.user.contact;

import java.util.Locale;
import java.util.Optional;

/**
 * Email addresses in the one form stored and compared: trimmed and lower-cased, so {@code John.Doe@Example.COM}
 * and {@code john.doe@example.com} are the same account. The checks are the RFC 5321 limits plus what catches
 * typing mistakes; whether the mailbox exists is for the verification mail to find out.
 */
public final class Emails {

    public static final int MAX_LENGTH = 254;
    public static final int MAX_LOCAL_PART_LENGTH = 64;

    private Emails() {
    }

    /** The normalized address, or empty when {@code raw} is not an email address. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String email = raw.strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty() || email.length() > MAX_LENGTH || email.codePoints().anyMatch(Emails::isInvisible)) {
            return Optional.empty();
        }
        int at = email.indexOf('@');
        if (at < 0 || at != email.lastIndexOf('@')) {
            return Optional.empty();
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        if (local.isEmpty() || local.length() > MAX_LOCAL_PART_LENGTH || !isDomainWithDot(domain)) {
            return Optional.empty();
        }
        return Optional.of(email);
    }

    /** A form safe for logs: the first character of the local part and the domain, e.g. {@code a***@gmail.com}. */
    public static String mask(String email) {
        if (email == null) {
            return "***";
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        int firstCodePoint = email.codePointAt(0);
        return new String(Character.toChars(firstCodePoint)) + "***" + email.substring(at);
    }

    private static boolean isDomainWithDot(String domain) {
        return domain.contains(".") && !domain.startsWith(".") && !domain.endsWith(".") && !domain.contains("..");
    }

    // Whitespace, control and zero-width format characters: none belongs in an address, and the invisible ones
    // would let two accounts look like one.
    private static boolean isInvisible(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || Character.isISOControl(codePoint)
                || Character.getType(codePoint) == Character.FORMAT;
    }
}
