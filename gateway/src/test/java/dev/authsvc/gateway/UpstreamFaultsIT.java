package dev.authsvc.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway in front of services that fail, for real: query-service is a port nothing listens on, command-service
 * a stand-in that answers too late (or breaks the connection), the notifier a stand-in that answers 503 itself.
 * And one fault of the client's: a body that stops arriving halfway while it is passed on. The 3 s answer timeout
 * is generous for a loaded machine, yet well short of the stand-in's 10 s delay and past Tomcat's 1 s read timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "gateway.upstream.timeout=3s",
    "gateway.upstream.retry-after=7s",
    "server.tomcat.connection-timeout=1s"})
class UpstreamFaultsIT {

    static final WireMockServer SLOW_COMMAND = StandInServices.start();
    static final WireMockServer UNAVAILABLE_NOTIFIER = StandInServices.start();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        SLOW_COMMAND.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        SLOW_COMMAND.stubFor(any(urlEqualTo("/verify-email")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        UNAVAILABLE_NOTIFIER.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "120").withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":503,\"error\":\"Outbox is warming up.\"}")));
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        String closed = "http://127.0.0.1:" + closedPort();
        registry.add("gateway.command-service-url", SLOW_COMMAND::baseUrl);
        registry.add("gateway.query-service-url", () -> closed);
        registry.add("gateway.notifier-url", UNAVAILABLE_NOTIFIER::baseUrl);
    }

    @AfterAll
    static void stop() {
        SLOW_COMMAND.stop();
        UNAVAILABLE_NOTIFIER.stop();
    }

    @LocalServerPort
    int port;

    HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer a.b.c")
                .timeout(Duration.ofSeconds(15))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aServiceThatIsDown_is503WithRetryAfterAndAProblem_never500() throws Exception {
        for (String[] request : new String[][] {{"GET", "/me"}, {"POST", "/login"}, {"GET", "/.well-known/jwks.json"},
                {"GET", "/openapi/query-service"}}) {
            HttpResponse<String> response = send(request[0], request[1]);

            assertThat(response.statusCode()).as(request[1]).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).as(request[1]).hasValue("7");
            assertProblem(response, "not available");
        }
    }

    @Test
    void aServiceThatAnswersTooLate_is504WithAProblem_atTheConfiguredTimeout() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = send("PUT", "/update-account");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertProblem(response, "did not answer in time");
        assertThat(took).isBetween(Duration.ofMillis(2_900), Duration.ofMillis(9_000));
    }

    @Test
    void aServiceThatBreaksTheConnection_is502WithAProblem() throws Exception {
        HttpResponse<String> response = send("POST", "/verify-email");

        assertThat(response.statusCode()).isEqualTo(502);
        assertProblem(response, "broke off");
    }

    @Test
    void aServiceThatAnswers503Itself_isPassedOnUntouched() throws Exception {
        HttpResponse<String> response = send("GET", "/dev/outbox");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("120");
        assertThat(response.body()).isEqualTo("{\"status\":503,\"error\":\"Outbox is warming up.\"}");
    }

    @Test
    void aClientThatStallsHalfwayThroughItsBody_is408WithAProblem_not500() throws Exception {
        RawHttp.Answer answer = RawHttp.sendPartially(port, "POST /verify-email HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"token\":");

        assertThat(answer.status()).isEqualTo(408);
        String headers = answer.text().substring(0, answer.text().indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertThat(headers).as(answer.text()).contains("content-type: application/problem+json");
        assertThat(answer.text()).contains("\"error\":\"The request body did not arrive in time.\"")
                .doesNotContain("timestamp");
    }

    static void assertProblem(HttpResponse<String> response, String words) {
        assertThat(response.headers().firstValue("Content-Type")).as(response.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
        assertThat(problem.path("error").asString()).contains(words);
    }

    /** A port nothing listens on: one just given up by the system. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
