package dev.authsvc.command.config;

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

/** The document served at {@code /v3/api-docs}; {@code /internal/**} is left out (see application.yml). */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /** The name controllers give {@code @SecurityRequirement} for endpoints that need an access token. */
    public static final String BEARER = "bearer-jwt";

    @Bean
    OpenAPI commandServiceOpenApi() {
        // Relative: "Try it out" calls the origin the document came from, the gateway's when read through its UI.
        return new OpenAPI()
                .addServersItem(new Server().url("/"))
                .info(new Info()
                        .title("command-service")
                        .version("v1")
                        .description("Registration, login codes, password resets and account changes: every state change of a user."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("An ES256 access token from query-service's POST /login")));
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
    OpenApiCustomizer commandServiceProblems() {
        Map<String, String> always = new LinkedHashMap<>();
        always.put("400", "Malformed JSON, a missing or invalid field (named in field), a weak password, a bad token or code");
        always.put("409", "The email or phone number belongs to another account");
        always.put("413", "A body over the size limit");
        always.put("429", "OTP send limits or account lockout; Retry-After says when to try again");
        Map<String, String> secured = new LinkedHashMap<>();
        secured.put("401", "No, forged or expired access token, one of a session that has ended, or a wrong "
                + "current_password (it counts toward the lockout)");
        secured.put("403", "A password or phone change without current_password and without a recent login, a "
                + "disabled account, or an admin path without the admin role");
        secured.put("503", "The token issuer's keys cannot be fetched now (query-service down); Retry-After says when to try again");
        return ProblemResponses.customizer(always, secured);
    }
}
