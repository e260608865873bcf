package dev.authsvc.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The combined Swagger UI: served by the gateway, showing the three services' documents it routes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SwaggerUiIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    @LocalServerPort
    int port;

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void swaggerUiHtml_answersTheUiPage() throws Exception {
        HttpResponse<String> response = get("/swagger-ui.html");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("swagger-ui");
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void swaggerConfig_listsTheThreeServiceDocuments_fetchedThroughTheGateway() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs/swagger-config");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode config = JsonMapper.builder().build().readTree(response.body());
        List<String> urls = new ArrayList<>();
        List<String> names = new ArrayList<>();
        config.path("urls").forEach(url -> {
            urls.add(url.path("url").asString());
            names.add(url.path("name").asString());
        });
        assertThat(urls).containsExactlyInAnyOrder("/openapi/command-service", "/openapi/query-service",
                "/openapi/notifier");
        assertThat(names).containsExactlyInAnyOrder("command-service", "query-service", "notifier");
    }

    @Test
    void theGatewayDocumentsNoEndpointOfItsOwn() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode paths = JsonMapper.builder().build().readTree(response.body()).path("paths");
        assertThat(paths.isEmpty()).as(paths.toString()).isTrue();
    }
}
