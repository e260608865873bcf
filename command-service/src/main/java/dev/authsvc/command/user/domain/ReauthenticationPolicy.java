package dev.authsvc.command.user.domain;

import dev.authsvc.command.user.api.Password;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A sensitive change (password, phone number) needs proof that the account holder is at the keyboard: the current
 * password, or a login of the calling session younger than five minutes. A current password that is given must be
 * right, even when the login is recent.
 */
public final class ReauthenticationPolicy {

    public static final Duration RECENT_LOGIN = Duration.ofMinutes(5);

    public enum Outcome {
        ALLOWED,
        /** A current password was given and it is wrong. */
        WRONG_PASSWORD,
        /** Neither a current password nor a recent login. */
        REQUIRED
    }

    public Outcome check(Password currentPassword, String passwordHash, Instant sessionAuthTime, Instant now,
            PasswordEncoder passwordEncoder) {
        if (currentPassword != null) {
            return passwordEncoder.matches(currentPassword.value(), passwordHash) ? Outcome.ALLOWED : Outcome.WRONG_PASSWORD;
        }
        boolean recentLogin = sessionAuthTime != null
                && Duration.between(sessionAuthTime, now).compareTo(RECENT_LOGIN) < 0;
        return recentLogin ? Outcome.ALLOWED : Outcome.REQUIRED;
    }
}
