package dev.authsvc.gateway;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services are, and what the gateway allows: body size, requests per client address, CORS origins.
 *
 * @param commandServiceUrl base URL of command-service
 * @param queryServiceUrl base URL of query-service
 * @param notifierUrl base URL of the notifier (only {@code /dev/outbox} goes there)
 * @param maxBodySize larger request bodies are answered 413 without reaching a service
 * @param limits per-client-address request budgets
 * @param corsAllowedOrigins origins a browser may call the API from; none by default
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @DefaultValue("http://127.0.0.1:8081") String commandServiceUrl,
        @DefaultValue("http://127.0.0.1:8082") String queryServiceUrl,
        @DefaultValue("http://127.0.0.1:8083") String notifierUrl,
        @DefaultValue("65536") long maxBodySize,
        @DefaultValue Limits limits,
        @DefaultValue List<String> corsAllowedOrigins) {

    /**
     * @param requestsPerMinute every path, per client address
     * @param credentialRequestsPerMinute {@code /register}, {@code /send-otp}, {@code /login} and
     *     {@code /reset-password}, per client address: the paths that send messages or check secrets
     */
    public record Limits(
            @DefaultValue("300") long requestsPerMinute,
            @DefaultValue("20") long credentialRequestsPerMinute,
            @DefaultValue("1m") Duration window) {
    }
}
