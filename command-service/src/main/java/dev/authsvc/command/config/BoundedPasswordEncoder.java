package dev.authsvc.command.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password encoder with its work bounded: at most {@code permits} hashes or verifications run at once (one per
 * core by default), the others wait their turn first come, first served, and one that cannot start within
 * {@code maxWait} is refused ({@link PasswordHashingBusyException}, answered 503 with {@code Retry-After}) before
 * any bcrypt is spent on it.
 * <p>
 * Without the bound, every login of a flood ran its bcrypt side by side with all the others: 128 logins at once each
 * took 128 verifications' time (about 17 s on two cores), past query-service's 10 s wait for command-service, so
 * every one of them was answered 503 after the CPU had been spent, and not one login succeeded (bench, session 16).
 * With it the verifications run at the cores' speed: those that get their turn succeed in about a verification
 * plus their wait, the rest are refused when their wait is over, and the CPU goes to logins someone still waits
 * for (the default wait, 8 s, leaves a verification's time within query-service's 10 s for command-service). An
 * unknown account's decoy check waits the same way as a real one, so a refusal tells nothing about the account.
 */
public final class BoundedPasswordEncoder implements PasswordEncoder {

    public static final String REFUSED_METRIC = "auth.password.hashing.refused";
    public static final String WAITING_METRIC = "auth.password.hashing.waiting";

    private final PasswordEncoder encoder;
    private final Semaphore permits;
    private final Duration maxWait;
    private final Counter refused;

    public BoundedPasswordEncoder(PasswordEncoder encoder, int permits, Duration maxWait, MeterRegistry meters) {
        if (permits < 1) {
            throw new IllegalArgumentException("at least one password hash must be allowed at a time, not " + permits);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("the wait for a password hash cannot be negative: " + maxWait);
        }
        this.encoder = encoder;
        this.permits = new Semaphore(permits, true);
        this.maxWait = maxWait;
        this.refused = Counter.builder(REFUSED_METRIC)
                .description("Password hashes and verifications refused because they could not start in time")
                .register(meters);
        Gauge.builder(WAITING_METRIC, this.permits, Semaphore::getQueueLength)
                .description("Password hashes and verifications waiting for their turn")
                .register(meters);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return inTurn(() -> encoder.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return inTurn(() -> encoder.matches(rawPassword, encodedPassword));
    }

    /** Reads the hash's prefix only: no bcrypt, no turn to wait for. */
    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return encoder.upgradeEncoding(encodedPassword);
    }

    /**
     * Runs {@code hash} once a permit is free, or refuses it after {@code maxWait}. Waiting is the flood's
     * back-pressure: refused at once, a client that tries again straight away (wrk does, and so does an attacker)
     * came back hundreds of times a second, and answering those refusals left bcrypt a tenth of the logins it
     * verifies while they wait (session 16's bench).
     */
    private <T> T inTurn(Supplier<T> hash) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            refused.increment();
            throw new PasswordHashingBusyException(maxWait);
        }
        try {
            return hash.get();
        } finally {
            permits.release();
        }
    }

    /** Too many password hashes were waiting: answered 503, and the client may try again after {@code retryAfter}. */
    public static final class PasswordHashingBusyException extends RuntimeException {

        private final Duration retryAfter;

        PasswordHashingBusyException(Duration retryAfter) {
            super("The service is busy checking passwords; try again in a moment.", null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
