package dev.authsvc.gateway.limits;

import dev.authsvc.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The small budget of the routes that send a message or check a secret ({@code /register}, {@code /send-otp},
 * {@code /login}, {@code /reset-password} and its completions), per client. It is a filter of those routes, not
 * a list of path strings, so it applies to whatever request the route serves, however its path was spelled.
 */
public class CredentialRateLimit implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private final Budget credential;
    private final RateLimiter limiter;

    public CredentialRateLimit(Budget credential, RateLimiter limiter) {
        this.credential = credential;
        this.limiter = limiter;
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        long wait = limiter.secondsToWait(credential, request.servletRequest());
        if (wait > 0) {
            return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(wait))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.problem(HttpStatus.TOO_MANY_REQUESTS, ClientRateLimitFilter.TOO_MANY, null));
        }
        return next.handle(request);
    }
}
