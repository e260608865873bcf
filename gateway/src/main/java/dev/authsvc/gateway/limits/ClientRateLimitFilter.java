package dev.authsvc.gateway.limits;

import dev.authsvc.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The general budget: requests per client, whatever the path, with Bucket4j token buckets. Over budget: 429 with
 * {@code Retry-After}. The much smaller budget of the routes that send a message or check a secret is
 * {@link CredentialRateLimit}, applied by those routes themselves.
 */
public class ClientRateLimitFilter extends OncePerRequestFilter {

    static final String TOO_MANY = "Too many requests from your address; try again later.";

    private final Budget general;
    private final RateLimiter limiter;

    public ClientRateLimitFilter(Budget general, RateLimiter limiter) {
        this.general = general;
        this.limiter = limiter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long wait = limiter.secondsToWait(general, request);
        if (wait > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            Problems.write(response, HttpStatus.TOO_MANY_REQUESTS, TOO_MANY);
            return;
        }
        chain.doFilter(request, response);
    }
}
