package dev.authsvc.gateway.limits;

import dev.authsvc.gateway.GatewayProperties;
import dev.authsvc.web.Problems;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests per client address, with Bucket4j token buckets: a general budget for every path and a much smaller
 * one for the paths that send a message or check a secret, so one address can neither flood SMS and mail nor
 * guess passwords quickly. Over budget: 429 with {@code Retry-After}. The buckets live in a {@link BucketStore}:
 * this gateway's memory, or Redis shared by all gateways.
 *
 * <p>When the store cannot be reached the request goes through: a rate limiter that is down should not take the
 * API down with it. Such failures are counted ({@value #STORE_ERRORS}) and logged at most once a minute.
 */
public class ClientRateLimitFilter extends OncePerRequestFilter {

    static final Set<String> CREDENTIAL_PATHS = Set.of("/register", "/send-otp", "/login", "/reset-password",
            "/reset-password/confirm");
    static final String STORE_ERRORS = "gateway.ratelimit.store.errors";
    private static final Duration WARN_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(ClientRateLimitFilter.class);

    private final Budget general;
    private final Budget credential;
    private final BucketStore store;
    private final Counter storeErrors;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL.toNanos());

    public ClientRateLimitFilter(GatewayProperties.Limits limits, BucketStore store, MeterRegistry meters) {
        this.general = new Budget("general", limits.requestsPerMinute(), limits.window());
        this.credential = new Budget("credential", limits.credentialRequestsPerMinute(), limits.window());
        this.store = store;
        this.storeErrors = Counter.builder(STORE_ERRORS)
                .description("Rate-limit checks that failed because the bucket store was unreachable; the request was let through")
                .register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe refused;
        try {
            refused = refusal(request.getRemoteAddr(), CREDENTIAL_PATHS.contains(request.getRequestURI()));
        } catch (RuntimeException e) {
            storeUnreachable(e);
            refused = null;
        }
        if (refused != null) {
            long seconds = Math.max(1, (refused.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            Problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests from your address; try again later.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The probe of the budget that is spent, or null when the request is within both. */
    private ConsumptionProbe refusal(String client, boolean credentialPath) {
        ConsumptionProbe probe = store.tryConsume(general, client);
        if (probe.isConsumed() && credentialPath) {
            probe = store.tryConsume(credential, client);
        }
        return probe.isConsumed() ? null : probe;
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
