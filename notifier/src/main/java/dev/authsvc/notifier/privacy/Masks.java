package dev.authsvc.notifier.privacy;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Forms of phone numbers and email addresses safe for logs, metrics and failure reasons. Codes and tokens have no
 * safe form: they are never passed here, only kept out.
 */
public final class Masks {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'(),;:@]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    // A phone number as a provider may echo it: a run of seven or more digits, optionally with a + and separators.
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[0-9][0-9 ().-]{5,}[0-9]");

    private Masks() {
    }

    /** {@code +14155550123} becomes {@code +14*******23}. */
    public static String phone(String e164) {
        if (e164 == null || !E164.matcher(e164).matches()) {
            return "***";
        }
        String digits = e164.substring(1);
        return "+" + digits.substring(0, 2) + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 2);
    }

    /** {@code john.doe@example.com} becomes {@code j***@example.com}. */
    public static String email(String email) {
        if (email == null) {
            return "***";
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return new String(Character.toChars(email.codePointAt(0))) + "***" + email.substring(at);
    }

    /** Masks whichever the address is: an email when it has an {@code @}, else a phone number. */
    public static String address(String address) {
        return address != null && address.contains("@") ? email(address) : phone(address);
    }

    /**
     * Masks every email address and phone-like digit run in free text from elsewhere (a provider's error
     * message), so it can go into a log line or a dead-letter header.
     */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String withoutEmails = replaceAll(EMAIL.matcher(text), Masks::email);
        return replaceAll(PHONE_LIKE.matcher(withoutEmails), Masks::phoneLike);
    }

    private static String phoneLike(String match) {
        String digits = match.replaceAll("[^0-9]", "");
        if (digits.length() < 7) {
            return match;
        }
        return (match.startsWith("+") ? "+" : "") + digits.substring(0, 2) + "*".repeat(digits.length() - 4)
                + digits.substring(digits.length() - 2);
    }

    private static String replaceAll(Matcher matcher, UnaryOperator<String> replacement) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
