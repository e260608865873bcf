package dev.authsvc.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input through the gateway: what it routes, it passes on as the service answered (a 400 problem, here from
 * a stand-in); what it answers itself (an unknown path, a wrong method, a header over its limit, a Content-Type
 * it cannot read while proxying) is a 4xx problem with an {@code error} sentence too, never a 5xx.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayBadInputIT {

    static final WireMockServer SERVICES = StandInServices.start();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a service answers bad input with; the gateway must hand it on untouched. */
    static final String SERVICE_PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
            + "\"detail\":\"The request body is not valid JSON.\",\"error\":\"The request body is not valid JSON.\"}";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        StandInServices.routeTo(registry, SERVICES, SERVICES, SERVICES);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stop() {
        SERVICES.stop();
    }

    @BeforeEach
    void servicesRefuseEveryBody() {
        SERVICES.resetAll();
        SERVICES.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody(SERVICE_PROBLEM)));
    }

    /** A bad request to the gateway, described. */
    record BadRequest(String description, String method, String path, UnaryOperator<HttpRequest.Builder> headers,
            byte[] body) {

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<BadRequest> badRequests() {
        return Stream.of(
                new BadRequest("malformed JSON to a routed path", "POST", "/register", json(), utf8("{\"a\":}")),
                new BadRequest("an empty body to a routed path", "POST", "/login", json(), new byte[0]),
                new BadRequest("bytes that are not UTF-8 to a routed path", "POST", "/send-otp", json(),
                        new byte[] {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF, '"', '}'}),
                new BadRequest("a Content-Type that is no media type", "POST", "/register",
                        request -> request.header("Content-Type", "garbage"), utf8("{}")),
                new BadRequest("no Content-Type", "POST", "/register", request -> request, utf8("{}")),
                new BadRequest("a garbage bearer to a routed path", "GET", "/me",
                        request -> request.header("Authorization", "Bearer a.b.c"), null),
                new BadRequest("an Authorization header over the header limit", "GET", "/me",
                        request -> request.header("Authorization", "Bearer " + "x".repeat(20_000)), null),
                new BadRequest("an unknown path", "POST", "/no-such-thing", json(), utf8("{}")),
                new BadRequest("an internal path", "POST", "/internal/verify/otp", json(), utf8("{}")),
                new BadRequest("a routed path with another method", "DELETE", "/register", json(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIsA4xxProblemWithAnErrorSentence(BadRequest bad) throws Exception {
        HttpRequest.Builder request = bad.headers().apply(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + bad.path())).timeout(Duration.ofSeconds(10)));
        request.method(bad.method(), bad.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(bad.body()));

        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).as(response.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("error").asString()).as(response.body()).isNotBlank();
    }

    private static UnaryOperator<HttpRequest.Builder> json() {
        return request -> request.header("Content-Type", "application/json");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
