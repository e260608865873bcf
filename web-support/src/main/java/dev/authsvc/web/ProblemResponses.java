package dev.authsvc.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Adds the RFC 9457 answers of {@link Problems} to every operation of an OpenAPI document: the exception
 * handlers return {@code ResponseEntity<ProblemDetail>}, so springdoc cannot tell their statuses by itself.
 */
public final class ProblemResponses {

    public static final String SCHEMA = "Problem";

    private ProblemResponses() {
    }

    /**
     * @param everyOperation each status any operation may answer with a problem, and when
     * @param securedOperations the statuses only operations with a security requirement answer (401, 403)
     */
    public static OpenApiCustomizer customizer(Map<String, String> everyOperation,
            Map<String, String> securedOperations) {
        return openApi -> {
            addSchema(openApi);
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                everyOperation.forEach((status, description) -> operation.getResponses()
                        .putIfAbsent(status, response(description)));
                if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
                    securedOperations.forEach((status, description) -> operation.getResponses()
                            .putIfAbsent(status, response(description)));
                }
            }));
        };
    }

    private static void addSchema(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Schema<?> problem = new ObjectSchema()
                .description("An RFC 9457 problem; error repeats detail for the seed's clients")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema())
                .addProperty("error", new StringSchema())
                .addProperty("field", new StringSchema().description("the request field at fault, when one is"));
        openApi.getComponents().addSchemas(SCHEMA, problem);
    }

    private static ApiResponse response(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))));
    }
}
