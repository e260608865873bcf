package dev.authsvc.command.user.application;

import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The OTP send limits (one per 30 s, five per hour) applied to numbers that belong to no user, so that a
 * second send-otp within 30 s answers 429 whether or not the number is registered. Keyed by the number's
 * HMAC, in memory, bounded to the most recent {@value #CAPACITY} numbers.
 */
@Component
class UnknownPhoneThrottle {

    static final int CAPACITY = 10_000;
    static final Duration COOLDOWN = Duration.ofSeconds(30);
    static final Duration WINDOW = Duration.ofHours(1);
    static final int MAX_PER_WINDOW = 5;

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

    /** Records a send to {@code phoneHash}, or refuses it with 429 and the time to wait. */
    synchronized void recordSend(String phoneHash) {
        Instant now = clock.instant();
        Deque<Instant> times = sends.computeIfAbsent(phoneHash, key -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
            times.removeFirst();
        }
        if (!times.isEmpty() && times.peekLast().plus(COOLDOWN).isAfter(now)) {
            throw tooMany(Duration.between(now, times.peekLast().plus(COOLDOWN)));
        }
        if (times.size() >= MAX_PER_WINDOW) {
            throw tooMany(Duration.between(now, times.peekFirst().plus(WINDOW)));
        }
        times.addLast(now);
    }

    static UserCommandRejectedException tooMany(Duration retryAfter) {
        return new UserCommandRejectedException(Reason.TOO_MANY_REQUESTS, null,
                "Too many codes requested for this number; try again later.", retryAfter);
    }
}
