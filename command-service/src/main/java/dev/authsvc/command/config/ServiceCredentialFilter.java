package dev.authsvc.command.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates query-service on the internal paths by the shared credential in the {@value #HEADER} header,
 * compared in constant time. With no credential configured (or one shorter than 32 characters) nobody gets
 * in: an internal path must never be open by default.
 */
class ServiceCredentialFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Service-Credential";
    static final String ROLE = "SERVICE";
    static final int MIN_LENGTH = 32;

    private static final Logger log = LoggerFactory.getLogger(ServiceCredentialFilter.class);

    private final byte[] credential;

    ServiceCredentialFilter(String credential) {
        if (credential == null || credential.length() < MIN_LENGTH) {
            log.warn("auth.internal.credential (AUTH_INTERNAL_CREDENTIAL) is not set or shorter than {} characters: "
                    + "the internal endpoints refuse every call", MIN_LENGTH);
            this.credential = null;
        } else {
            this.credential = credential.getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (credential != null && presented != null
                && MessageDigest.isEqual(credential, presented.getBytes(StandardCharsets.UTF_8))) {
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    "query-service", null, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
        }
        chain.doFilter(request, response);
    }
}
