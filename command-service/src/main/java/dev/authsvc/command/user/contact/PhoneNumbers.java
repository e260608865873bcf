package dev.authsvc.command.user.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers in E.164 form ({@code +} and 7 to 15 digits), the only form stored and compared. Input must be
 * international (start with {@code +}) and may group digits with spaces, dashes, dots and parentheses.
 */
public final class PhoneNumbers {

    public static final int MIN_DIGITS = 7;
    public static final int MAX_DIGITS = 15;

    // Fifteen digits with a separator between each fit comfortably; longer input is not a phone number.
    private static final int MAX_INPUT_LENGTH = 40;
    private static final String SEPARATORS = " -.()";
    private static final String UNKNOWN_REGION = "ZZ";
    private static final Pattern E164 = Pattern.compile("\\+[0-9]{" + MIN_DIGITS + "," + MAX_DIGITS + "}");
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The E.164 form of {@code raw}, or empty when it is not a phone number. Lenient mode accepts every {@code +}
     * and 7 to 15 digits, as the seed did (it accepted {@code +1234567890}, which no numbering plan assigns);
     * strict mode also asks libphonenumber whether the number is valid in its country's plan. Either way a number
     * libphonenumber knows is written its way, e.g. {@code +44 (0)20 7946 0958} becomes {@code +442079460958}.
     */
    public static Optional<String> normalize(String raw, boolean strict) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        if (trimmed.length() > MAX_INPUT_LENGTH || !trimmed.startsWith("+")) {
            return Optional.empty();
        }
        StringBuilder compact = new StringBuilder("+");
        for (int i = 1; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c >= '0' && c <= '9') {
                compact.append(c);
            } else if (SEPARATORS.indexOf(c) < 0) {
                return Optional.empty();
            }
        }
        String seedForm = compact.toString();
        if (!E164.matcher(seedForm).matches()) {
            return Optional.empty();
        }

        try {
            PhoneNumber number = UTIL.parse(seedForm, UNKNOWN_REGION);
            if (UTIL.isValidNumber(number)) {
                String e164 = UTIL.format(number, PhoneNumberFormat.E164);
                if (E164.matcher(e164).matches()) {
                    return Optional.of(e164);
                }
            }
        } catch (NumberParseException unknownCountryCode) {
            // Falls through: lenient mode keeps what the seed accepted, strict mode refuses.
        }
        return strict ? Optional.empty() : Optional.of(seedForm);
    }

    /** A form safe for logs: the first two and last two digits, e.g. {@code +12******90}. */
    public static String mask(String e164) {
        if (e164 == null || !E164.matcher(e164).matches()) {
            return "***";
        }
        String digits = e164.substring(1);
        return "+" + digits.substring(0, 2) + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 2);
    }
}
