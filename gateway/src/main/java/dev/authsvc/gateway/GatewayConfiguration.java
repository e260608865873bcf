package dev.authsvc.gateway;

import dev.authsvc.gateway.limits.BucketStore;
import dev.authsvc.gateway.limits.Budget;
import dev.authsvc.gateway.limits.ClientAddresses;
import dev.authsvc.gateway.limits.ClientRateLimitFilter;
import dev.authsvc.gateway.limits.CredentialRateLimit;
import dev.authsvc.gateway.limits.InMemoryBucketStore;
import dev.authsvc.gateway.limits.RateLimiter;
import dev.authsvc.gateway.limits.RedisBucketStore;
import dev.authsvc.gateway.web.CanonicalPathFilter;
import dev.authsvc.gateway.web.RequestIdFilter;
import dev.authsvc.web.ProblemDetailsConfiguration;
import dev.authsvc.web.ProblemDetailsConfiguration.BodySizeLimit;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The gateway's own filters, in order: request id, canonical path, CORS, general rate limit, body size; then the
 * routes (the credential routes with their own, smaller rate limit).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
@Import(ProblemDetailsConfiguration.class)
class GatewayConfiguration {

    /**
     * How the gateway calls the services: Apache HttpClient's classic (blocking) client on the request's own thread,
     * over a pool of kept-alive HTTP/1.1 connections, one pool entry per request thread and service; bounded
     * connect and answer times ({@code GATEWAY_UPSTREAM_*}). It passes answers on as they are: no redirect
     * followed, no body decompressed, no cookie kept, no request retried (a service's 503 reaches the client).
     * Chosen over the JDK's client, which hands every exchange to its selector thread and back: on the bench's
     * two cores the gateway served 1.35 to 1.55 times as many requests without it
     * (bench/results/2026-12-06-session6-profiles.md).
     */
    @Bean(destroyMethod = "close")
    CloseableHttpClient gatewayHttpClient(GatewayProperties properties,
            @Value("${server.tomcat.threads.max:200}") int requestThreads) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(requestThreads)
                .setMaxConnTotal(requestThreads * 3)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.upstream().connectTimeout()))
                        // A connection the service closed while it sat in the pool (a restart, its keep-alive
                        // timeout) is noticed before reuse, not as a broken answer.
                        .setValidateAfterInactivity(TimeValue.ofMilliseconds(500))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .evictIdleConnections(TimeValue.ofSeconds(20))
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
    }

    @Bean
    ClientHttpRequestFactory gatewayClientHttpRequestFactory(CloseableHttpClient gatewayHttpClient,
            GatewayProperties properties) {
        HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(gatewayHttpClient);
        factory.setReadTimeout(properties.upstream().timeout());
        factory.setConnectionRequestTimeout(properties.upstream().connectTimeout());
        return factory;
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        return registration(new RequestIdFilter(), Ordered.HIGHEST_PRECEDENCE);
    }

    @Bean
    FilterRegistrationBean<CanonicalPathFilter> canonicalPathFilter() {
        return registration(new CanonicalPathFilter(), Ordered.HIGHEST_PRECEDENCE + 1);
    }

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(GatewayProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", RequestIdFilter.HEADER));
        cors.setExposedHeaders(List.of(RequestIdFilter.HEADER, "Retry-After"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return registration(new CorsFilter(source), Ordered.HIGHEST_PRECEDENCE + 2);
    }

    /** Shared in Redis when a URL is set, so N gateways do not give each address N budgets; else in memory. */
    @Bean
    BucketStore bucketStore(GatewayProperties properties) {
        GatewayProperties.Limits limits = properties.limits();
        return limits.shared()
                ? new RedisBucketStore(limits.redisUrl(), limits.redisKeyPrefix(), limits.redisTimeout())
                : new InMemoryBucketStore(limits.window());
    }

    /** The same proxies whose {@code X-Forwarded-For} the gateway passes on to the services. */
    @Bean
    ClientAddresses clientAddresses(
            @Value("${spring.cloud.gateway.server.webmvc.trusted-proxies:}") String trustedProxies) {
        return new ClientAddresses(trustedProxies);
    }

    @Bean
    RateLimiter rateLimiter(BucketStore buckets, ClientAddresses clients, MeterRegistry meters) {
        return new RateLimiter(buckets, clients, meters);
    }

    @Bean
    FilterRegistrationBean<ClientRateLimitFilter> rateLimitFilter(GatewayProperties properties, RateLimiter limiter) {
        GatewayProperties.Limits limits = properties.limits();
        Budget general = new Budget("general", limits.requestsPerMinute(), limits.window());
        return registration(new ClientRateLimitFilter(general, limiter), Ordered.HIGHEST_PRECEDENCE + 3);
    }

    /** Applied by the credential routes themselves (see {@code Routes}). */
    @Bean
    CredentialRateLimit credentialRateLimit(GatewayProperties properties, RateLimiter limiter) {
        GatewayProperties.Limits limits = properties.limits();
        return new CredentialRateLimit(
                new Budget("credential", limits.credentialRequestsPerMinute(), limits.window()), limiter);
    }

    /** After the rate limits: a body over the limit still spends the client's budget. */
    @Bean
    BodySizeLimit bodySizeLimit(GatewayProperties properties) {
        return new BodySizeLimit(properties.maxBodySize(), Ordered.HIGHEST_PRECEDENCE + 4);
    }

    private static <T extends jakarta.servlet.Filter> FilterRegistrationBean<T> registration(T filter, int order) {
        FilterRegistrationBean<T> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        return registration;
    }
}
