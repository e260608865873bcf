package dev.authsvc.command.user.application;

import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import dev.authsvc.command.user.domain.OtpPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The OTP send limits of {@link OtpPolicy} (one per 30 s, five per hour) applied to numbers that belong to no user, so that a
 * second send-otp within 30 s answers 429 whether or not the number is registered. Keyed by the number's
 * HMAC, in memory, bounded to the most recent {@value #CAPACITY} numbers.
 */
@Component
class UnknownPhoneThrottle {

    static final int CAPACITY = 10_000;
    private static final OtpPolicy OTP = new OtpPolicy();

    private final Clock clock;
    private final Map<String, Deque<Instant>> sends = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > CAPACITY;
        }
    };

    UnknownPhoneThrottle() {
        this(Clock.systemUTC());
    }

    UnknownPhoneThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records a send to {@code phoneHash} once the number's limits and then {@code furtherCheck} allow it (the order
     * a known number's send is checked in: its own limits, then the service's SMS budget), or refuses it with 429
     * and the time to wait, recording nothing.
     */
    synchronized void recordSend(String phoneHash, Runnable furtherCheck) {
        Instant now = clock.instant();
        Deque<Instant> times = sends.computeIfAbsent(phoneHash, key -> new ArrayDeque<>());
        times.removeIf(sentAt -> !OTP.withinSendWindow(sentAt, now));
        OTP.sendRetryAfter(times, now).ifPresent(wait -> {
            throw tooMany(wait);
        });
        furtherCheck.run();
        times.addLast(now);
    }

    static UserCommandRejectedException tooMany(Duration retryAfter) {
        return new UserCommandRejectedException(Reason.TOO_MANY_REQUESTS, null,
                "Too many codes requested for this number; try again later.", retryAfter);
    }
}
