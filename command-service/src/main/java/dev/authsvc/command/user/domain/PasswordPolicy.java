package dev.authsvc.command.user.domain;

import com.nulabinc.zxcvbn.StandardDictionaries;
import dev.authsvc.command.user.api.Password;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * NIST 800-63B style password rules: 8 to 64 characters, not among the most common leaked passwords, and not
 * containing the user's own email or name. No composition rules.
 */
public class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 64;
    /** bcrypt reads no more than 72 bytes, and Spring Security refuses to hash a longer password. */
    public static final int MAX_UTF8_BYTES = 72;

    // Shorter fragments (an email local part like "ab") would reject too many good passwords by accident.
    private static final int MIN_PERSONAL_FRAGMENT = 3;

    /** Why {@code password} may not be used by this user, as a sentence safe to show, or empty when it may. */
    public Optional<String> violation(Password password, String email, String firstName, String lastName) {
        int length = password.value().codePointCount(0, password.value().length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of("password must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        if (!fitsBcrypt(password)) {
            return Optional.of("password is too long: at most " + MAX_UTF8_BYTES
                    + " bytes in UTF-8, so fewer characters when it has accents or emoji");
        }
        String candidate = lower(password.value());
        if (CommonPasswords.SET.contains(candidate)) {
            return Optional.of("password is too common: it appears in lists of leaked passwords");
        }
        String normalizedEmail = lower(email == null ? "" : email.strip());
        if (!normalizedEmail.isEmpty() && candidate.contains(normalizedEmail)) {
            return Optional.of("password must not contain your email address");
        }
        int at = normalizedEmail.indexOf('@');
        if (at > 0 && containsFragment(candidate, normalizedEmail.substring(0, at))) {
            return Optional.of("password must not contain your email address");
        }
        if (containsFragment(candidate, firstName) || containsFragment(candidate, lastName)) {
            return Optional.of("password must not contain your name");
        }
        return Optional.empty();
    }

    /** Whether bcrypt can hash the whole password: every password the policy accepts can. */
    public static boolean fitsBcrypt(Password password) {
        return password.value().getBytes(StandardCharsets.UTF_8).length <= MAX_UTF8_BYTES;
    }

    /** How many leaked passwords the policy knows. */
    static int commonPasswordCount() {
        return CommonPasswords.SET.size();
    }

    private static boolean containsFragment(String candidate, String fragment) {
        if (fragment == null) {
            return false;
        }
        String normalized = lower(fragment.strip());
        return normalized.codePointCount(0, normalized.length()) >= MIN_PERSONAL_FRAGMENT
                && candidate.contains(normalized);
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    /**
     * The ranked "passwords" frequency list shipped inside zxcvbn4j (30,000 entries from leaked password dumps),
     * read once on first use: a holder class defers the load until a policy first checks a password.
     */
    private static final class CommonPasswords {

        static final Set<String> SET = load();

        private static Set<String> load() {
            try {
                List<String> ranked = StandardDictionaries.PASSWORDS_LOADER.load().getFrequencies();
                Set<String> set = new HashSet<>(ranked.size() * 2);
                for (String entry : ranked) {
                    String normalized = lower(entry.strip());
                    if (!normalized.isEmpty()) {
                        set.add(normalized);
                    }
                }
                return Set.copyOf(set);
            } catch (IOException e) {
                throw new UncheckedIOException("zxcvbn's password list could not be read", e);
            }
        }
    }
}
