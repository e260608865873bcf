package dev.authsvc.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.notifier.support.NotifierIntegrationTest;
import dev.authsvc.notifier.support.UserEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** With providers and no dev outbox, as in production: the document is served and lists no endpoint. */
class OpenApiDocumentIT extends NotifierIntegrationTest {

    @Test
    void document_isServed_withoutTheDevOutbox() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode document = UserEvents.JSON.readTree(response.body());
        assertThat(document.path("info").path("title").asString()).isEqualTo("notifier");
        assertThat(document.path("info").path("description").asString()).isNotBlank();
        assertThat(document.path("paths").has("/dev/outbox")).isFalse();
        assertThat(document.path("paths").propertyNames()).noneMatch(path -> path.startsWith("/internal"));
    }
}
