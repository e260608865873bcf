package dev.authsvc.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiDocumentIT extends ApiTestSupport {

    private JsonNode document() {
        // No token: the document is public.
        Response response = send(request("/v3/api-docs").GET());
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        assertThat(response.body()).isNotNull();
        return response.body();
    }

    @Test
    void document_describesThePublicEndpoints_withoutAToken() {
        JsonNode document = document();

        assertThat(document.path("info").path("title").asString()).isEqualTo("command-service");
        assertThat(document.path("info").path("version").asString()).isNotBlank();
        assertThat(fieldNames(document.path("paths"))).contains("/register", "/send-otp", "/reset-password",
                "/reset-password/confirm", "/reset-password/{token}", "/update-account", "/verify-email",
                "/verify-phone");
        assertThat(document.path("paths").path("/update-account").has("put")).isTrue();
        // Relative, so that read through the gateway's Swagger UI its requests go to the gateway.
        assertThat(document.path("servers").path(0).path("url").asString()).isEqualTo("/");
    }

    @Test
    void document_leavesOutTheInternalEndpoints() {
        assertThat(fieldNames(document().path("paths"))).noneMatch(path -> path.startsWith("/internal"));
    }

    @Test
    void schemas_nameTheirPropertiesInSnakeCase_asTheServiceSpeaks() {
        JsonNode schemas = document().path("components").path("schemas");

        assertThat(fieldNames(schemas.path("RegisterRequest").path("properties")))
                .containsExactlyInAnyOrder("first_name", "last_name", "email", "phone_number", "password", "role");
        assertThat(fieldNames(schemas.path("RegisterResponse").path("properties"))).contains("user_id");
        assertThat(fieldNames(schemas.path("UpdateAccountRequest").path("properties")))
                .contains("first_name", "current_password");
        assertThat(fieldNames(schemas.path("ConfirmRequest").path("properties"))).contains("new_password");
        schemas.properties().forEach(schema -> assertThat(fieldNames(schema.getValue().path("properties")))
                .as(schema.getKey()).noneMatch(name -> !name.equals(name.toLowerCase())));
    }

    @Test
    void accountChanges_needTheBearerToken_andAnswerProblems() {
        JsonNode document = document();
        JsonNode update = document.path("paths").path("/update-account").path("put");
        JsonNode verifyPhone = document.path("paths").path("/verify-phone").path("post");
        JsonNode register = document.path("paths").path("/register").path("post");

        assertThat(document.path("components").path("securitySchemes").path("bearer-jwt").path("scheme").asString())
                .isEqualTo("bearer");
        assertThat(update.path("security").toString()).contains("bearer-jwt");
        assertThat(verifyPhone.path("security").toString()).contains("bearer-jwt");
        assertThat(register.has("security")).isFalse();
        assertThat(update.path("responses").path("401").path("content").has("application/problem+json")).isTrue();
        assertThat(register.path("responses").path("400").path("content").has("application/problem+json")).isTrue();
        assertThat(register.path("responses").has("401")).isFalse();
        // Only an operation that checks a token depends on the issuer's keys.
        assertThat(update.path("responses").path("503").path("content").has("application/problem+json")).isTrue();
        assertThat(verifyPhone.path("responses").has("503")).isTrue();
        assertThat(register.path("responses").has("503")).isFalse();
        // The access token is a security requirement, not a body or query parameter.
        assertThat(update.path("parameters").toString()).doesNotContain("token");
    }

    @Test
    void theAuditPaths_areDocumented_withTheirBearerToken_403_andTheNdjsonStream() {
        JsonNode paths = document().path("paths");

        for (String path : List.of("/audit/users/{id}/events", "/audit/events", "/audit/users/{id}/state",
                "/audit/verify", "/audit/users/{id}/verify")) {
            JsonNode get = paths.path(path).path("get");
            assertThat(get.isMissingNode()).as(path).isFalse();
            assertThat(get.path("security").toString()).as(path).contains("bearer-jwt");
            assertThat(get.path("responses").path("403").path("description").asString()).as(path).contains("auditor");
            assertThat(get.path("responses").path("401").path("content").has("application/problem+json")).as(path).isTrue();
        }
        assertThat(paths.path("/audit/events").path("get").path("responses").path("200").path("content")
                .has("application/x-ndjson")).isTrue();
        assertThat(paths.path("/audit/events").path("get").path("parameters").toString()).contains("after", "limit");
        assertThat(paths.path("/audit/users/{id}/state").path("get").path("parameters").toString()).contains("\"at\"");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
