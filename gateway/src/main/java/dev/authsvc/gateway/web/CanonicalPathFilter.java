package dev.authsvc.gateway.web;

import dev.authsvc.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 400 for a path in any spelling but its plain one, before anything routes or counts it. Routing (here
 * and in the services) decodes {@code %6c} to {@code l}, drops {@code ;x=1} and resolves dot segments, so
 * {@code /log%69n} would be served as {@code /login} while a check on the raw text saw another path. No public
 * path needs such a spelling: tokens in paths are URL-safe Base64. Refusing them means the path the gateway
 * checks, the one it routes and the one the service receives are the same text.
 */
public class CanonicalPathFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String fault = fault(request.getRequestURI());
        if (fault != null) {
            Problems.write(response, HttpStatus.BAD_REQUEST, "The request path " + fault
                    + "; send the path in its plain form, such as /login.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** What makes the raw path non-canonical, as the end of a sentence, or null when it is canonical. */
    static String fault(String path) {
        if (path == null || !path.startsWith("/")) {
            return "must start with /";
        }
        if (path.equals("/")) {
            return null;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                return "holds a percent-encoded character";
            }
            if (c == ';') {
                return "holds a ';' parameter";
            }
            if (!allowed(c)) {
                return "holds a character that is not allowed in a path";
            }
        }
        if (path.endsWith("/")) {
            return "ends with /";
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                return "holds an empty segment (//)";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "holds a '.' or '..' segment";
            }
        }
        return null;
    }

    /** RFC 3986 pchar and '/', less '%' (no encodings) and ';' (no parameters). */
    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~!$&'()*+,=:@/".indexOf(c) >= 0;
    }
}
