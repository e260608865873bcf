package dev.authsvc.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * OpenAPI schemas named as every service really reads and writes JSON ({@code spring.jackson.property-naming-strategy:
 * SNAKE_CASE}): swagger-core introspects with its own Jackson 2 mapper, which knows nothing of Boot's. On wherever
 * springdoc is, so a service that documents its API needs nothing of its own for it.
 */
@AutoConfiguration
@ConditionalOnClass(ModelResolver.class)
public class SnakeCaseOpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ModelResolver.class)
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
}
