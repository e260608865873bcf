package dev.authsvc.query.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.authsvc.web.ProblemResponses;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The document served at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /** The name controllers give {@code @SecurityRequirement} for endpoints that take an access token. */
    public static final String BEARER = "bearer-jwt";

    @Bean
    OpenAPI queryServiceOpenApi() {
        // Relative: "Try it out" calls the origin the document came from, the gateway's when read through its UI.
        return new OpenAPI()
                .addServersItem(new Server().url("/"))
                .info(new Info()
                        .title("query-service")
                        .version("v1")
                        .description("Login, access and refresh tokens, the JWK Set, the caller's own profile and sessions, "
                                + "and the admin read side (finding users and their sessions)."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("An ES256 access token from POST /login or POST /token/refresh")));
    }

    /**
     * Schemas named as the service really reads and writes JSON ({@code spring.jackson.property-naming-strategy:
     * SNAKE_CASE}): swagger-core introspects with its own Jackson 2 mapper, which knows nothing of Boot's.
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenApiCustomizer queryServiceProblems() {
        Map<String, String> always = new LinkedHashMap<>();
        always.put("400", "Malformed JSON, a missing field (named in field), an unknown or used refresh token");
        always.put("413", "A body over the size limit");
        Map<String, String> secured = new LinkedHashMap<>();
        secured.put("401", "No, forged or expired access token, or one of a session that has ended");
        return ProblemResponses.customizer(always, secured);
    }
}
