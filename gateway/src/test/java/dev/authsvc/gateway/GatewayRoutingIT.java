package dev.authsvc.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway in front of three real HTTP servers (WireMock) standing in for the services. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gateway.cors-allowed-origins=https://app.example.com")
class GatewayRoutingIT {

    static final WireMockServer COMMAND = StandInServices.start();
    static final WireMockServer QUERY = StandInServices.start();
    static final WireMockServer NOTIFIER = StandInServices.start();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        StandInServices.routeTo(registry, COMMAND, QUERY, NOTIFIER);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stop() {
        COMMAND.stop();
        QUERY.stop();
        NOTIFIER.stop();
    }

    @BeforeEach
    void answerEverything() {
        for (WireMockServer server : new WireMockServer[] {COMMAND, QUERY, NOTIFIER}) {
            server.resetAll();
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"message\":\"ok\"}")));
        }
    }

    HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @CsvSource({
        "POST, /register, command",
        "POST, /send-otp, command",
        "POST, /reset-password, command",
        "POST, /reset-password/confirm, command",
        "POST, /reset-password/abc123, command",
        "PUT, /update-account, command",
        "POST, /verify-email, command",
        "POST, /verify-phone, command",
        "GET, /audit/events, command",
        "GET, /audit/verify, command",
        "GET, /audit/users/0b7d3c2e-1f2a-4b5c-8d9e-0f1a2b3c4d5e/events, command",
        "GET, /audit/users/0b7d3c2e-1f2a-4b5c-8d9e-0f1a2b3c4d5e/state, command",
        "GET, /audit/users/0b7d3c2e-1f2a-4b5c-8d9e-0f1a2b3c4d5e/verify, command",
        "PUT, /admin/users/0f8fad5b-d9cb-469f-a165-70867728950e/role, command",
        "POST, /admin/users/0f8fad5b-d9cb-469f-a165-70867728950e/disable, command",
        "POST, /admin/users/0f8fad5b-d9cb-469f-a165-70867728950e/enable, command",
        "POST, /admin/users/0f8fad5b-d9cb-469f-a165-70867728950e/sessions/revoke, command",
        "DELETE, /admin/users/0f8fad5b-d9cb-469f-a165-70867728950e/sessions/5b0c1f53-8f4e-4a43-9d5e-2d1b1c0e7a10, command",
        "POST, /admin/users/0f8fad5b-d9cb-469f-a165-70867728950e/unlock, command",
        "POST, /login, query",
        "POST, /token/refresh, query",
        "POST, /logout, query",
        "GET, /me, query",
        "POST, /admin/read-models/rebuild, query",
        "GET, /admin/read-models/rebuild/3f2b8c1e-9a47-4d3e-8f6a-1c2d3e4f5a6b, query",
        "GET, /me/sessions, query",
        "DELETE, /me/sessions/5510b367-4940-4345-bad2-76fe4874c23e, query",
        "GET, /admin/users, query",
        "GET, /admin/users?query=ada&role=admin&status=active&page=1&size=50, query",
        "GET, /admin/users/6384f7f0-75d9-45c0-9bc2-a7fc10378bd1, query",
        "GET, /.well-known/jwks.json, query",
        "GET, /.well-known/openid-configuration, query",
        "GET, /dev/outbox, notifier"})
    void eachPublicPathReachesItsService(String method, String path, String service) throws Exception {
        HttpResponse<String> response = send(request(path).method(method,
                method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(200);
        WireMockServer expected = switch (service) {
            case "command" -> COMMAND;
            case "query" -> QUERY;
            default -> NOTIFIER;
        };
        assertThat(expected.findAll(anyRequestedFor(urlEqualTo(path)))).hasSize(1);
        for (WireMockServer other : new WireMockServer[] {COMMAND, QUERY, NOTIFIER}) {
            if (other != expected) {
                assertThat(other.getAllServeEvents()).isEmpty();
            }
        }
    }

    /** The audit API through the gateway: its query string, the bearer token, and the ndjson stream as sent. */
    @Test
    void theAuditStreamPassesThroughWithItsQueryStringTokenAndNdjsonBody() throws Exception {
        String lines = "{\"position\":1}\n{\"position\":2}\n";
        COMMAND.stubFor(get(urlEqualTo("/audit/events?after=5&limit=2"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-ndjson")
                        .withBody(lines)));

        HttpResponse<String> response = send(request("/audit/events?after=5&limit=2")
                .header("Accept", "application/x-ndjson").header("Authorization", "Bearer audit-token").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        assertThat(response.body()).isEqualTo(lines);
        assertThat(COMMAND.findAll(getRequestedFor(urlEqualTo("/audit/events?after=5&limit=2"))
                .withHeader("Authorization", equalTo("Bearer audit-token"))
                .withHeader("Accept", equalTo("application/x-ndjson")))).hasSize(1);
    }

    @Test
    void theAuditApiIsReadOnlyThroughTheGateway() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            HttpResponse<String> response = send(request("/audit/verify")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(response.statusCode()).as(method).isBetween(400, 499);
        }
        assertThat(COMMAND.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "/openapi/command-service, command",
        "/openapi/query-service, query",
        "/openapi/notifier, notifier"})
    void eachServiceDocumentIsFetchedFromItsApiDocs(String path, String service) throws Exception {
        HttpResponse<String> response = send(request(path).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        WireMockServer expected = switch (service) {
            case "command" -> COMMAND;
            case "query" -> QUERY;
            default -> NOTIFIER;
        };
        assertThat(expected.findAll(getRequestedFor(urlEqualTo("/v3/api-docs")))).hasSize(1);
        for (WireMockServer other : new WireMockServer[] {COMMAND, QUERY, NOTIFIER}) {
            if (other != expected) {
                assertThat(other.getAllServeEvents()).isEmpty();
            }
        }
    }

    @Test
    void internalPathsAreNeverRouted() throws Exception {
        HttpResponse<String> response = send(request("/internal/verify/password")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@b.co\",\"password\":\"x\"}")));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(COMMAND.getAllServeEvents()).isEmpty();
        assertThat(QUERY.getAllServeEvents()).isEmpty();
    }

    @Test
    void thePublicPortServesHealthButNoMetrics() throws Exception {
        assertThat(send(request("/actuator/health").GET()).statusCode()).isEqualTo(200);
        assertThat(send(request("/actuator/prometheus").GET()).statusCode()).isEqualTo(404);
        assertThat(send(request("/actuator/metrics").GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void aPathGoesOnlyWithItsMethod() throws Exception {
        HttpResponse<String> response = send(request("/me").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isIn(404, 405);
        assertThat(QUERY.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /admin/read-models/rebuild",
        "DELETE, /admin/read-models/rebuild/3f2b8c1e-9a47-4d3e-8f6a-1c2d3e4f5a6b",
        "POST, /admin/read-models/rebuild/3f2b8c1e-9a47-4d3e-8f6a-1c2d3e4f5a6b",
        "GET, /admin/read-models/rebuild/3f2b8c1e-9a47-4d3e-8f6a-1c2d3e4f5a6b/rows",
        "POST, /admin/read-models"})
    void onlyTheRebuildPathsAndMethodsAreRouted(String method, String path) throws Exception {
        HttpResponse<String> response = send(request(path).method(method,
                method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isIn(404, 405);
        assertThat(QUERY.getAllServeEvents()).isEmpty();
        assertThat(COMMAND.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRequestIdIsSetForwardedAndEchoed() throws Exception {
        HttpResponse<String> fresh = send(request("/send-otp").POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> given = send(request("/send-otp").header("X-Request-Id", "client-42")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        String generated = fresh.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generated).matches("[0-9a-f-]{36}");
        assertThat(given.headers().firstValue("X-Request-Id")).hasValue("client-42");
        COMMAND.verify(postRequestedFor(urlEqualTo("/send-otp")).withHeader("X-Request-Id", equalTo(generated)));
        COMMAND.verify(postRequestedFor(urlEqualTo("/send-otp")).withHeader("X-Request-Id", equalTo("client-42")));
    }

    @Test
    void theClientAddressIsForwarded() throws Exception {
        send(request("/register").POST(HttpRequest.BodyPublishers.ofString("{}")));

        COMMAND.verify(postRequestedFor(urlEqualTo("/register"))
                .withHeader("X-Forwarded-For", matching(".*127\\.0\\.0\\.1.*")));
    }

    @Test
    void aBodyOverTheLimitIs413AndNeverReachesTheService() throws Exception {
        String huge = "{\"first_name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        HttpResponse<String> sized = send(request("/register").POST(HttpRequest.BodyPublishers.ofString(huge)));
        HttpResponse<String> chunked = send(request("/register").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(huge.getBytes()))));

        assertThat(sized.statusCode()).isEqualTo(413);
        assertThat(sized.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(sized.body()).contains("\"error\"");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(COMMAND.getAllServeEvents()).isEmpty();
    }

    /** Security rule (docs/security-rules.md): bodies over 64 KiB are 413; one of exactly 64 KiB goes through, sized or chunked. */
    @Test
    void aBodyOfExactly64KiBReachesTheService_andOneByteMoreIs413() throws Exception {
        String json = "{\"first_name\": \"Big\"}";
        byte[] exactly64KiB = (json + " ".repeat(64 * 1024 - json.length())).getBytes(StandardCharsets.UTF_8);
        byte[] oneByteMore = (json + " ".repeat(64 * 1024 + 1 - json.length())).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> sized = send(request("/register").POST(HttpRequest.BodyPublishers.ofByteArray(exactly64KiB)));
        HttpResponse<String> chunked = send(request("/register").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(exactly64KiB))));
        HttpResponse<String> sizedOver = send(request("/register").POST(HttpRequest.BodyPublishers.ofByteArray(oneByteMore)));
        HttpResponse<String> chunkedOver = send(request("/register").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(oneByteMore))));

        assertThat(exactly64KiB).hasSize(65_536);
        assertThat(sized.statusCode()).isEqualTo(200);
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(sizedOver.statusCode()).isEqualTo(413);
        assertThat(chunkedOver.statusCode()).isEqualTo(413);
        assertThat(COMMAND.findAll(postRequestedFor(urlEqualTo("/register")))).hasSize(2)
                .allSatisfy(request -> assertThat(request.getBody()).hasSize(65_536));
    }

    /**
     * The gateway passes a service's answer on as it is: a redirect is not followed, a compressed body is not
     * unpacked, a cookie is not kept, and a 503 is not retried (the client decides, with its Retry-After).
     */
    @Test
    void aServiceAnswerPassesThroughAsItIs_redirectCompressedBodyCookieAnd503() throws Exception {
        QUERY.stubFor(get(urlEqualTo("/me")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:1/elsewhere")));
        HttpResponse<String> redirect = send(request("/me").GET());
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue("http://127.0.0.1:1/elsewhere");

        byte[] gzipped = gzip("{\"message\":\"packed\"}");
        QUERY.stubFor(get(urlEqualTo("/.well-known/jwks.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Content-Encoding", "gzip")
                .withHeader("Set-Cookie", "a=b; Path=/").withBody(gzipped)));
        HttpResponse<byte[]> packed = HTTP.send(request("/.well-known/jwks.json").header("Accept-Encoding", "gzip")
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(packed.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(packed.body()).isEqualTo(gzipped);
        assertThat(packed.headers().firstValue("Set-Cookie")).hasValue("a=b; Path=/");
        send(request("/.well-known/jwks.json").GET());
        QUERY.verify(getRequestedFor(urlEqualTo("/.well-known/jwks.json")).withoutHeader("Cookie"));

        QUERY.stubFor(any(urlEqualTo("/token/refresh")).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "1").withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":503}")));
        HttpResponse<String> unavailable = send(request("/token/refresh").POST(
                HttpRequest.BodyPublishers.ofString("{\"refresh_token\":\"x\"}")));
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("1");
        QUERY.verify(1, postRequestedFor(urlEqualTo("/token/refresh")));
    }

    private static byte[] gzip(String text) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void aSmallChunkedBodyArrivesWhole() throws Exception {
        String body = "{\"phone_number\": \"+1234567890\"}";

        HttpResponse<String> response = send(request("/send-otp").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body.getBytes()))));

        assertThat(response.statusCode()).isEqualTo(200);
        COMMAND.verify(postRequestedFor(urlEqualTo("/send-otp"))
                .withRequestBody(equalTo(body)));
    }

    @Test
    void aConfiguredOriginMayCallTheApiFromABrowserAndOthersMayNot() throws Exception {
        HttpResponse<String> allowed = send(request("/login").header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> other = send(request("/login").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
