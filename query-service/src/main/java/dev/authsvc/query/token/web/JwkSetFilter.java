package dev.authsvc.query.token.web;

import dev.authsvc.query.token.key.SigningKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Answers {@code GET} and {@code HEAD /.well-known/jwks.json} from the key set's bytes, ahead of Spring MVC: every
 * resource server fetches it, and dispatching it through MVC cost more than half of each answer's CPU. The answer
 * is the one {@link WellKnownController} gives (which still takes any other method, and so answers 405 as before);
 * the bytes are those {@link SigningKeys} made when it last read the key set. It stands after the observation filter, so these requests
 * are still counted in {@code http.server.requests}, under their path.
 */
class JwkSetFilter extends OncePerRequestFilter {

    static final String PATH = "/.well-known/jwks.json";

    private final SigningKeys keys;

    JwkSetFilter(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("GET".equals(method) || "HEAD".equals(method));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = keys.jwkSetUtf8();
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(PATH));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, WellKnownController.CACHE.getHeaderValue());
        response.setContentLength(body.length);
        if ("GET".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }
}
