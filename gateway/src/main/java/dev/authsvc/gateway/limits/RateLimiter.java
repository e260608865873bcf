package dev.authsvc.gateway.limits;

import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one request from a client's bucket of a budget. The buckets live in a {@link BucketStore}: this
 * gateway's memory, or Redis shared by all gateways; the client is the one {@link ClientAddresses} names.
 *
 * <p>When the store cannot be reached the request goes through: a rate limiter that is down should not take the
 * API down with it. Such failures are counted ({@value #STORE_ERRORS}) and logged at most once a minute.
 */
public class RateLimiter {

    static final String STORE_ERRORS = "gateway.ratelimit.store.errors";
    private static final Duration WARN_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    private final BucketStore store;
    private final ClientAddresses clients;
    private final Counter storeErrors;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL.toNanos());

    public RateLimiter(BucketStore store, ClientAddresses clients, MeterRegistry meters) {
        this.store = store;
        this.clients = clients;
        this.storeErrors = Counter.builder(STORE_ERRORS)
                .description("Rate-limit checks that failed because the bucket store was unreachable; the request was let through")
                .register(meters);
    }

    /** Seconds until the request may be tried again, or 0 when it is within the budget (or the store is down). */
    long secondsToWait(Budget budget, HttpServletRequest request) {
        ConsumptionProbe probe;
        try {
            probe = store.tryConsume(budget, clients.bucketKey(request));
        } catch (RuntimeException e) {
            storeUnreachable(e);
            return 0;
        }
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    private void storeUnreachable(RuntimeException e) {
        storeErrors.increment();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_INTERVAL.toNanos() && lastWarning.compareAndSet(last, now)) {
            LOG.warn("Rate-limit store unreachable, letting requests through unlimited (logged at most once a minute,"
                    + " counted in {}): {}", STORE_ERRORS, e.toString());
        }
    }
}
