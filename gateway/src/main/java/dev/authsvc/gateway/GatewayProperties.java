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
 * @param upstream how long the gateway waits for a service, and what it tells clients when one is down
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @DefaultValue("http://127.0.0.1:8081") String commandServiceUrl,
        @DefaultValue("http://127.0.0.1:8082") String queryServiceUrl,
        @DefaultValue("http://127.0.0.1:8083") String notifierUrl,
        @DefaultValue("65536") long maxBodySize,
        @DefaultValue Limits limits,
        @DefaultValue List<String> corsAllowedOrigins,
        @DefaultValue Upstream upstream) {

    /**
     * @param timeout bound on waiting for a service's answer (its status and headers); past it: 504
     * @param connectTimeout bound on connecting to a service; past it: 504
     * @param retryAfter the {@code Retry-After} of the 503 answered while a service cannot be reached
     */
    public record Upstream(
            @DefaultValue("30s") Duration timeout,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("5s") Duration retryAfter) {
    }

    /**
     * @param requestsPerMinute every path, per client address
     * @param credentialRequestsPerMinute {@code POST /register}, {@code /send-otp}, {@code /login},
     *     {@code /reset-password}, {@code /reset-password/confirm} and {@code /reset-password/{token}}, per client
     *     address: the routes that send messages or check secrets, however their paths are spelled
     * @param window the time over which a budget refills
     * @param redisUrl {@code redis://} or {@code rediss://} URL (a password may be in it) of a Redis that holds
     *     the buckets for every gateway; none: each gateway keeps its own in memory
     * @param redisKeyPrefix start of every bucket key in Redis
     * @param redisTimeout bound on connecting and on each Redis command; past it the request goes through
     */
    public record Limits(
            @DefaultValue("300") long requestsPerMinute,
            @DefaultValue("20") long credentialRequestsPerMinute,
            @DefaultValue("1m") Duration window,
            String redisUrl,
            @DefaultValue("authsvc:ratelimit:") String redisKeyPrefix,
            @DefaultValue("500ms") Duration redisTimeout) {

        public boolean shared() {
            return redisUrl != null && !redisUrl.isBlank();
        }
    }
}
