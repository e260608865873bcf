package dev.authsvc.command.config;

import dev.authsvc.web.Problems;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * What a bearer token that could not be accepted is answered. A token that is bad in itself (malformed, forged,
 * expired, for another audience) goes to the entry point: 401. An {@link AuthenticationServiceException} means the
 * token could not be checked at all, in practice because the issuer's JWK Set cannot be fetched (query-service
 * down): that is our dependency's fault, not the client's, so 503 with Retry-After, where Spring Security would
 * rethrow it and the container answer 500.
 */
class BearerTokenFailureHandler implements AuthenticationFailureHandler {

    static final String KEYS_UNAVAILABLE = "The token issuer's keys cannot be fetched now; try again later.";
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFailureHandler.class);

    private final AuthenticationEntryPoint entryPoint;

    BearerTokenFailureHandler(AuthenticationEntryPoint entryPoint) {
        this.entryPoint = entryPoint;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException, ServletException {
        if (!(exception instanceof AuthenticationServiceException)) {
            entryPoint.commence(request, response, exception);
            return;
        }
        // Types only: the token never appears here, but a lower layer's message is not ours to vouch for.
        log.warn("Access tokens cannot be checked: {}", causeTypes(exception));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
        Problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, KEYS_UNAVAILABLE);
    }

    private static String causeTypes(Throwable e) {
        StringBuilder types = new StringBuilder(e.getClass().getSimpleName());
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            types.append(" <- ").append(t.getClass().getName());
        }
        return types.toString();
    }
}
