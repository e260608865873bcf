package dev.authsvc.command.user.domain;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * One-time codes, for login and for confirming a new phone number: six digits, valid five minutes, dead after five
 * wrong tries, single use, and a new code replaces the old one. Sending to one phone is limited to one code per
 * 30 seconds and five per rolling hour.
 */
public final class OtpPolicy {

    public static final int CODE_DIGITS = 6;
    public static final Duration CODE_VALIDITY = Duration.ofMinutes(5);
    public static final int MAX_WRONG_TRIES = 5;
    public static final Duration SEND_COOLDOWN = Duration.ofSeconds(30);
    public static final int MAX_SENDS_PER_WINDOW = 5;
    public static final Duration SEND_WINDOW = Duration.ofHours(1);

    private static final int CODE_BOUND = 1_000_000;

    /** A fresh code, zero-padded to {@link #CODE_DIGITS} digits. */
    public String newCode(SecureRandom random) {
        return String.format("%0" + CODE_DIGITS + "d", random.nextInt(CODE_BOUND));
    }

    public Instant expiresAt(Instant issuedAt) {
        return issuedAt.plus(CODE_VALIDITY);
    }

    /** Whether a code can still be tried: not expired and not killed by wrong tries. */
    public boolean isLive(Instant expiresAt, int failedTries, Instant now) {
        return now.isBefore(expiresAt) && failedTries < MAX_WRONG_TRIES;
    }

    public boolean matches(String expectedHash, String givenHash) {
        return SecretHashes.match(expectedHash, givenHash);
    }

    /** Whether the wrong try that brought the count to {@code failedTries} kills the code. */
    public boolean killsCode(int failedTries) {
        return failedTries >= MAX_WRONG_TRIES;
    }

    /** Whether a send made at {@code sentAt} still counts towards the hourly cap at {@code now}. */
    public boolean withinSendWindow(Instant sentAt, Instant now) {
        return Duration.between(sentAt, now).compareTo(SEND_WINDOW) < 0;
    }

    /**
     * How long to wait before another code may go to a phone that earlier codes went to at {@code earlierSends},
     * or empty when one may be sent now.
     */
    public Optional<Duration> sendRetryAfter(Collection<Instant> earlierSends, Instant now) {
        Duration wait = Duration.ZERO;
        Optional<Instant> last = earlierSends.stream().max(Instant::compareTo);
        if (last.isPresent()) {
            wait = max(wait, Duration.between(now, last.get().plus(SEND_COOLDOWN)));
        }
        var inWindow = earlierSends.stream().filter(sentAt -> withinSendWindow(sentAt, now)).sorted().toList();
        if (inWindow.size() >= MAX_SENDS_PER_WINDOW) {
            // the send that has to leave the window before the count drops below the cap
            Instant leaving = inWindow.get(inWindow.size() - MAX_SENDS_PER_WINDOW);
            wait = max(wait, Duration.between(now, leaving.plus(SEND_WINDOW)));
        }
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
