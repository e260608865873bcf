package dev.authsvc.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.query.support.QueryServiceTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiDocumentIT extends QueryServiceTestSupport {

    private JsonNode document() {
        Response response = get("/v3/api-docs");
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        assertThat(response.body()).isNotNull();
        return response.body();
    }

    @Test
    void document_describesThePublicEndpoints() {
        JsonNode document = document();

        assertThat(document.path("info").path("title").asString()).isEqualTo("query-service");
        assertThat(document.path("info").path("version").asString()).isNotBlank();
        assertThat(fieldNames(document.path("paths"))).contains("/login", "/token/refresh", "/logout", "/me",
                "/.well-known/jwks.json", "/.well-known/openid-configuration");
        assertThat(fieldNames(document.path("paths"))).noneMatch(path -> path.startsWith("/internal"));
    }

    @Test
    void schemas_nameTheirPropertiesInSnakeCase_asTheServiceSpeaks() {
        JsonNode schemas = document().path("components").path("schemas");

        assertThat(fieldNames(schemas.path("LoginRequest").path("properties")))
                .containsExactlyInAnyOrder("phone_number", "otp", "email", "password");
        assertThat(fieldNames(schemas.path("TokenResponse").path("properties")))
                .containsExactlyInAnyOrder("message", "access_token", "refresh_token", "token_type", "expires_in");
        assertThat(fieldNames(schemas.path("Profile").path("properties")))
                .contains("user_id", "first_name", "last_name", "phone_number", "email_verified", "created_at");
        schemas.properties().forEach(schema -> assertThat(fieldNames(schema.getValue().path("properties")))
                .as(schema.getKey()).allMatch(name -> name.equals(name.toLowerCase())));
    }

    @Test
    void meAndLogout_takeTheBearerToken_asASecurityRequirement() {
        JsonNode document = document();
        JsonNode me = document.path("paths").path("/me").path("get");
        JsonNode logout = document.path("paths").path("/logout").path("post");
        JsonNode login = document.path("paths").path("/login").path("post");

        assertThat(document.path("components").path("securitySchemes").path("bearer-jwt").path("bearerFormat")
                .asString()).isEqualTo("JWT");
        assertThat(me.path("security").toString()).contains("bearer-jwt");
        assertThat(logout.path("security").toString()).contains("bearer-jwt");
        assertThat(login.has("security")).isFalse();
        // Not an Authorization header parameter, which OpenAPI ignores.
        assertThat(me.path("parameters").toString()).doesNotContain("Authorization");
        assertThat(me.path("responses").path("401").path("content").has("application/problem+json")).isTrue();
        assertThat(login.path("responses").path("400").path("content").has("application/problem+json")).isTrue();
    }

    @Test
    void theAdminReadsAndOwnSessions_areDocumented_withTheBearerTokenAndTheirProblems() {
        JsonNode paths = document().path("paths");
        JsonNode search = paths.path("/admin/users").path("get");
        JsonNode user = paths.path("/admin/users/{userId}").path("get");
        JsonNode mine = paths.path("/me/sessions").path("get");
        JsonNode end = paths.path("/me/sessions/{sessionId}").path("delete");

        for (JsonNode operation : List.of(search, user, mine, end)) {
            assertThat(operation.path("security").toString()).contains("bearer-jwt");
            assertThat(operation.path("responses").path("401").path("content").has("application/problem+json")).isTrue();
        }
        assertThat(search.path("parameters").toString()).contains("\"query\"", "\"role\"", "\"status\"", "\"page\"",
                "\"size\"").doesNotContain("Authorization");
        assertThat(search.path("responses").path("403").path("content").has("application/problem+json")).isTrue();
        assertThat(user.path("responses").path("404").path("content").has("application/problem+json")).isTrue();
        assertThat(end.path("responses").path("404").path("content").has("application/problem+json")).isTrue();
    }

    @Test
    void theReadModelRebuild_isDocumented_withTheBearerTokenAndItsProblems() {
        JsonNode document = document();
        JsonNode paths = document.path("paths");
        JsonNode start = paths.path("/admin/read-models/rebuild").path("post");
        JsonNode job = paths.path("/admin/read-models/rebuild/{job}").path("get");

        for (JsonNode operation : List.of(start, job)) {
            assertThat(operation.path("security").toString()).contains("bearer-jwt");
            assertThat(operation.path("parameters").toString()).doesNotContain("Authorization");
            for (String status : List.of("401", "403")) {
                assertThat(operation.path("responses").path(status).path("content").has("application/problem+json"))
                        .as(status).isTrue();
            }
        }
        assertThat(start.path("responses").has("202")).isTrue();
        assertThat(start.path("responses").path("409").path("content").has("application/problem+json")).isTrue();
        assertThat(job.path("responses").path("404").path("content").has("application/problem+json")).isTrue();
        assertThat(job.path("responses").path("200").path("content").toString()).contains("JobResponse");
        assertThat(fieldNames(document.path("components").path("schemas").path("JobResponse").path("properties")))
                .contains("job_id", "state", "applied", "total", "differing", "differences", "error");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
