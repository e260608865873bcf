package dev.authsvc.command.user.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Mailed single-use tokens: a password reset link is valid 30 minutes, an email verification link 24 hours. A token
 * is accepted only before it expires and only if its hash matches; using it is the caller's event. At most one
 * reset mail goes to an address per minute: a request within that minute sends nothing and leaves the link
 * already mailed valid, so repeated requests neither flood the inbox nor kill the link the user is about to click.
 */
public final class ResetTokenPolicy {

    public static final Duration RESET_TOKEN_VALIDITY = Duration.ofMinutes(30);
    public static final Duration EMAIL_VERIFICATION_VALIDITY = Duration.ofHours(24);
    public static final Duration RESET_MAIL_INTERVAL = Duration.ofMinutes(1);

    public Instant resetExpiresAt(Instant issuedAt) {
        return issuedAt.plus(RESET_TOKEN_VALIDITY);
    }

    /** Whether a reset link may be mailed now, the last one having been mailed at {@code lastMailedAt} (or never). */
    public boolean mayMailReset(Instant lastMailedAt, Instant now) {
        return lastMailedAt == null || !now.isBefore(lastMailedAt.plus(RESET_MAIL_INTERVAL));
    }

    public Instant verificationExpiresAt(Instant issuedAt) {
        return issuedAt.plus(EMAIL_VERIFICATION_VALIDITY);
    }

    public boolean accepts(String expectedHash, Instant expiresAt, String givenHash, Instant now) {
        return now.isBefore(expiresAt) && SecretHashes.match(expectedHash, givenHash);
    }
}
