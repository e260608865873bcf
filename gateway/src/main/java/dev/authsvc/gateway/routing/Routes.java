package dev.authsvc.gateway.routing;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.setPath;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;

import dev.authsvc.gateway.GatewayProperties;
import dev.authsvc.gateway.limits.CredentialRateLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Every public path (docs/api.md) and the service that answers it, by method where a path is split.
 * Nothing else is routed: {@code /internal/**} and anything unknown get 404 from the gateway itself. Each
 * service's OpenAPI document is routed too, under {@code /openapi/<service>}, for the gateway's Swagger UI. A
 * service that cannot be reached or does not answer in time is a 503 or 504 problem ({@link UpstreamFaults}).
 */
@Configuration(proxyBeanMethods = false)
class Routes {

    @Bean
    UpstreamFaults upstreamFaults(GatewayProperties properties) {
        return new UpstreamFaults(properties.upstream().retryAfter());
    }

    /**
     * The routes that send a message or check a secret, each with the small per-client budget: it follows the
     * route, so no spelling of a path reaches one of them without spending it.
     */
    @Bean
    RouterFunction<ServerResponse> commandServiceCredentialRoutes(GatewayProperties properties,
            CredentialRateLimit credentialLimit, UpstreamFaults faults) {
        return route("command-service-credentials")
                .POST("/register", http())
                .POST("/send-otp", http())
                .POST("/reset-password", http())
                .POST("/reset-password/confirm", http())
                .POST("/reset-password/{token}", http())
                .before(uri(properties.commandServiceUrl()))
                .filter(credentialLimit)
                .filter(faults)
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> queryServiceCredentialRoutes(GatewayProperties properties,
            CredentialRateLimit credentialLimit, UpstreamFaults faults) {
        return route("query-service-credentials")
                .POST("/login", http())
                .before(uri(properties.queryServiceUrl()))
                .filter(credentialLimit)
                .filter(faults)
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> commandServiceRoutes(GatewayProperties properties, UpstreamFaults faults) {
        return route("command-service")
                .PUT("/update-account", http())
                .POST("/verify-email", http())
                .POST("/verify-phone", http())
                .before(uri(properties.commandServiceUrl()))
                .filter(faults)
                .build();
    }

    /**
     * The audit API (read-only; command-service checks the admin or auditor role). Its query strings
     * ({@code after}, {@code limit}, {@code at}) and the ndjson stream of {@code /audit/events} pass through.
     */
    @Bean
    RouterFunction<ServerResponse> auditRoutes(GatewayProperties properties, UpstreamFaults faults) {
        return route("command-service-audit")
                .GET("/audit/events", http())
                .GET("/audit/verify", http())
                .GET("/audit/users/{id}/events", http())
                .GET("/audit/users/{id}/state", http())
                .GET("/audit/users/{id}/verify", http())
                .before(uri(properties.commandServiceUrl()))
                .filter(faults)
                .build();
    }

    /**
     * The admin changes to a user (command-service checks the admin role): only these methods and paths, so the
     * reads of {@code /admin/users} can go elsewhere.
     */
    @Bean
    RouterFunction<ServerResponse> commandServiceAdminRoutes(GatewayProperties properties, UpstreamFaults faults) {
        return route("command-service-admin")
                .PUT("/admin/users/{id}/role", http())
                .POST("/admin/users/{id}/disable", http())
                .POST("/admin/users/{id}/enable", http())
                .POST("/admin/users/{id}/sessions/revoke", http())
                .DELETE("/admin/users/{id}/sessions/{sid}", http())
                .POST("/admin/users/{id}/unlock", http())
                .before(uri(properties.commandServiceUrl()))
                .filter(faults)
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> queryServiceRoutes(GatewayProperties properties, UpstreamFaults faults) {
        return route("query-service")
                .POST("/token/refresh", http())
                .POST("/logout", http())
                .GET("/me", http())
                .GET("/.well-known/jwks.json", http())
                .GET("/.well-known/openid-configuration", http())
                .before(uri(properties.queryServiceUrl()))
                .filter(faults)
                .build();
    }

    /** Rebuilding the read models: query-service checks the admin role. */
    @Bean
    RouterFunction<ServerResponse> queryServiceRebuildRoutes(GatewayProperties properties, UpstreamFaults faults) {
        return route("query-service-rebuild")
                .POST("/admin/read-models/rebuild", http())
                .GET("/admin/read-models/rebuild/{job}", http())
                .before(uri(properties.queryServiceUrl()))
                .filter(faults)
                .build();
    }

    /** The admin read side and the caller's own sessions; admin writes go to command-service. */
    @Bean
    RouterFunction<ServerResponse> queryServiceAdminReadRoutes(GatewayProperties properties, UpstreamFaults faults) {
        return route("query-service-admin-read")
                .GET("/admin/users", http())
                .GET("/admin/users/{userId}", http())
                .GET("/me/sessions", http())
                .DELETE("/me/sessions/{sessionId}", http())
                .before(uri(properties.queryServiceUrl()))
                .filter(faults)
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> notifierRoutes(GatewayProperties properties, UpstreamFaults faults) {
        return route("notifier")
                .GET("/dev/outbox", http())
                .before(uri(properties.notifierUrl()))
                .filter(faults)
                .build();
    }

    /** The documents the Swagger UI shows ({@code springdoc.swagger-ui.urls}), one per service. */
    @Bean
    RouterFunction<ServerResponse> apiDocumentRoutes(GatewayProperties properties, UpstreamFaults faults) {
        return apiDocument("command-service", properties.commandServiceUrl(), faults)
                .and(apiDocument("query-service", properties.queryServiceUrl(), faults))
                .and(apiDocument("notifier", properties.notifierUrl(), faults));
    }

    private static RouterFunction<ServerResponse> apiDocument(String service, String serviceUrl,
            UpstreamFaults faults) {
        return route(service + "-api-docs")
                .GET("/openapi/" + service, http())
                .before(uri(serviceUrl))
                .before(setPath("/v3/api-docs"))
                .filter(faults)
                .build();
    }
}
