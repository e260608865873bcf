package dev.authsvc.command.user.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * One-time codes, for login and for confirming a new phone number: six digits (drawn by {@code SecretGenerator},
 * the one generator of codes and tokens), valid five minutes, dead after five
 * wrong tries, single use, and a new code replaces the old one. Sending to one phone is limited to one code per
 * 30 seconds and five per rolling hour. Codes for a phone number change are also limited per account, three per
 * rolling hour whatever the numbers, since each change may name a number never texted before.
 */
public final class OtpPolicy {

    public static final Duration CODE_VALIDITY = Duration.ofMinutes(5);
    public static final int MAX_WRONG_TRIES = 5;
    public static final Duration SEND_COOLDOWN = Duration.ofSeconds(30);
    public static final int MAX_SENDS_PER_WINDOW = 5;
    public static final Duration SEND_WINDOW = Duration.ofHours(1);
    public static final int MAX_PHONE_CHANGE_CODES_PER_WINDOW = 3;

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
        wait = max(wait, untilBelowCap(earlierSends, MAX_SENDS_PER_WINDOW, now));
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    /**
     * How long to wait before an account that sent phone-change codes at {@code earlierCodes} (to any numbers) may
     * send another, or empty when it may now.
     */
    public Optional<Duration> phoneChangeRetryAfter(Collection<Instant> earlierCodes, Instant now) {
        Duration wait = untilBelowCap(earlierCodes, MAX_PHONE_CHANGE_CODES_PER_WINDOW, now);
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    private Duration untilBelowCap(Collection<Instant> sends, int cap, Instant now) {
        var inWindow = sends.stream().filter(sentAt -> withinSendWindow(sentAt, now)).sorted().toList();
        if (inWindow.size() < cap) {
            return Duration.ZERO;
        }
        // the send that has to leave the window before the count drops below the cap
        Instant leaving = inWindow.get(inWindow.size() - cap);
        return Duration.between(now, leaving.plus(SEND_WINDOW));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
