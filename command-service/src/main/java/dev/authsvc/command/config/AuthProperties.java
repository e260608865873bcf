package dev.authsvc.command.config;

import dev.authsvc.command.user.api.Role;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code auth.*} settings of command-service; each is also settable by environment variable (docs/configuration.md).
 *
 * @param jwt how access tokens from the query side are checked
 * @param internal the credential query-service presents on {@code /internal/**}
 * @param registration who may register with which role
 * @param phone how strictly phone numbers are checked
 * @param enumeration the minimum answer time of send-otp and reset-password, so a known and an unknown account
 *     take about as long
 * @param maxBodySize requests with a larger body are answered 413
 */
@ConfigurationProperties("auth")
public record AuthProperties(
        Jwt jwt,
        Internal internal,
        Registration registration,
        Phone phone,
        Enumeration enumeration,
        @DefaultValue("65536") long maxBodySize) {

    /**
     * {@code jwkSetTimeout} bounds connecting to the JWK Set and reading it, each; {@code verifiedCacheSize} is how
     * many verified access tokens are remembered ({@link VerifiedJwtCache}; 0: none).
     */
    public record Jwt(
            @DefaultValue("http://127.0.0.1:8082/.well-known/jwks.json") String jwkSetUri,
            @DefaultValue("http://127.0.0.1:5000") String issuer,
            @DefaultValue("authsvc") String audience,
            @DefaultValue("3s") Duration jwkSetTimeout,
            @DefaultValue("10000") long verifiedCacheSize) {
    }

    public record Internal(String credential) {
    }

    public record Registration(@DefaultValue("employee") Set<Role> selfAssignableRoles) {
    }

    public record Phone(@DefaultValue("false") boolean strict) {
    }

    public record Enumeration(@DefaultValue("150ms") Duration responseFloor) {
    }
}
