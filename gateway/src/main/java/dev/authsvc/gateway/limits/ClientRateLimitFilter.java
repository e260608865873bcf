package dev.authsvc.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.authsvc.gateway.GatewayProperties;
import dev.authsvc.web.Problems;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests per client address, with Bucket4j token buckets: a general budget for every path and a much smaller
 * one for the paths that send a message or check a secret, so one address can neither flood SMS and mail nor
 * guess passwords quickly. Over budget: 429 with {@code Retry-After}. Buckets live in memory per gateway
 * instance, evicted when idle.
 */
public class ClientRateLimitFilter extends OncePerRequestFilter {

    static final Set<String> CREDENTIAL_PATHS = Set.of("/register", "/send-otp", "/login", "/reset-password",
            "/reset-password/confirm");

    private final GatewayProperties.Limits limits;
    private final Cache<String, Bucket> general;
    private final Cache<String, Bucket> credential;

    public ClientRateLimitFilter(GatewayProperties.Limits limits) {
        this.limits = limits;
        this.general = buckets(limits.window());
        this.credential = buckets(limits.window());
    }

    private static Cache<String, Bucket> buckets(Duration window) {
        return Caffeine.newBuilder().expireAfterAccess(window.multipliedBy(2)).maximumSize(100_000).build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = request.getRemoteAddr();
        ConsumptionProbe probe = general.get(client, key -> bucket(limits.requestsPerMinute()))
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed() && CREDENTIAL_PATHS.contains(request.getRequestURI())) {
            probe = credential.get(client, key -> bucket(limits.credentialRequestsPerMinute()))
                    .tryConsumeAndReturnRemaining(1);
        }
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            Problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests from your address; try again later.");
            return;
        }
        chain.doFilter(request, response);
    }

    private Bucket bucket(long perWindow) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perWindow).refillGreedy(perWindow, limits.window()))
                .build();
    }
}
