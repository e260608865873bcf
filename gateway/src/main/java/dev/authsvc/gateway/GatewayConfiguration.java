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
import java.net.http.HttpClient;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
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
     * How the gateway calls the services: HTTP/1.1 (the JDK client would otherwise try an h2c upgrade, which
     * the services do not speak), bounded connect and answer times ({@code GATEWAY_UPSTREAM_*}).
     */
    @Bean
    ClientHttpRequestFactory gatewayClientHttpRequestFactory(GatewayProperties properties) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.upstream().connectTimeout())
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.upstream().timeout());
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
