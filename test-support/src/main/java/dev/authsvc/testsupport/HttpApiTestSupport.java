package dev.authsvc.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a service under test over real HTTP, as a client would: JSON in, the status, headers and the JSON body
 * (problem details too) out. Subclasses say where the service listens.
 */
public abstract class HttpApiTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The service's port, typically its {@code @LocalServerPort}. */
    protected abstract int port();

    /** An answer: {@code body} is the parsed JSON when the answer is JSON, else {@code null}. */
    public record Response(int status, HttpResponse<String> raw, JsonNode body) {

        public String text(String field) {
            JsonNode node = body == null ? null : body.get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    protected Response get(String path) {
        return send(request(path).GET());
    }

    protected Response get(String path, String bearer) {
        return send(request(path).header("Authorization", "Bearer " + bearer).GET());
    }

    protected Response post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected Response post(String path, String json, String bearer) {
        return send(request(path).header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A PUT, with the bearer token unless it is {@code null}. */
    protected Response put(String path, String json, String bearer) {
        HttpRequest.Builder builder = request(path).PUT(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder);
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
    }

    /** A request with nothing set but where it goes: bad-input tests add only the headers they mean to. */
    protected HttpRequest.Builder bareRequest(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).timeout(Duration.ofSeconds(30));
    }

    /** A refusal the client can act on: a 4xx RFC 9457 problem with an {@code error} sentence, never a 5xx. */
    protected static void assertIsProblem(Response response) {
        assertThat(response.status()).as(response.raw().body()).isBetween(400, 499);
        assertThat(response.header("Content-Type")).as("Content-Type").startsWith("application/problem+json");
        assertThat(response.text("error")).as(response.raw().body()).isNotBlank();
    }

    /** A part the service needs is down: 503 with {@code Retry-After} and a problem with an {@code error} sentence. */
    protected static void assertIsUnavailable(Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(503);
        assertThat(response.header("Retry-After")).as("Retry-After").isNotBlank();
        assertThat(response.header("Content-Type")).as("Content-Type").startsWith("application/problem+json");
        assertThat(response.text("error")).as(response.raw().body()).isNotBlank();
    }

    protected Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (contentType.contains("json") && !response.body().isEmpty()) {
                body = JSON.readTree(response.body());
            }
            return new Response(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
