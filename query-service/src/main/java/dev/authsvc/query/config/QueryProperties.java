package dev.authsvc.query.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code auth.*} settings of query-service; each is also settable by environment variable (README,
 * "Configuration").
 *
 * @param events the topic the read models are built from
 * @param commandService where {@code /login} has credentials verified
 * @param internal the credential presented to command-service's {@code /internal/**}
 * @param jwt the issuer and audience written into (and required of) access tokens
 * @param tokens lifetimes of tokens and signing keys
 * @param maxBodySize requests with a larger body are answered 413
 */
@ConfigurationProperties("auth")
public record QueryProperties(
        @DefaultValue Events events,
        @DefaultValue CommandService commandService,
        @DefaultValue Internal internal,
        @DefaultValue Jwt jwt,
        @DefaultValue Tokens tokens,
        @DefaultValue("65536") long maxBodySize) {

    public record Events(@DefaultValue("auth.user-events.v1") String topic) {
    }

    public record CommandService(
            @DefaultValue("http://127.0.0.1:8081") URI url,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout) {
    }

    public record Internal(String credential) {
    }

    public record Jwt(
            @DefaultValue("http://127.0.0.1:5000") String issuer,
            @DefaultValue("authsvc") String audience) {
    }

    /**
     * @param accessTokenLifetime how long an access token is valid, and how long a retired signing key stays
     *     in the JWK Set
     * @param refreshTokenLifetime how long a refresh token is valid from its issue
     * @param refreshReuseGrace how long a just-used refresh token may be presented again and get the same child
     * @param keyRotationInterval the age after which a generated signing key is replaced
     * @param keyCheckInterval how often rotation and the shared key table are checked
     * @param signingKey an optional PKCS#8 EC P-256 private key to sign with instead of generated ones
     */
    public record Tokens(
            @DefaultValue("15m") Duration accessTokenLifetime,
            @DefaultValue("30d") Duration refreshTokenLifetime,
            @DefaultValue("10s") Duration refreshReuseGrace,
            @DefaultValue("30d") Duration keyRotationInterval,
            @DefaultValue("10m") Duration keyCheckInterval,
            String signingKey) {
    }
}
