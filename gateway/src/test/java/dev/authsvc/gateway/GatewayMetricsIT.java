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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's meters: never on its public port, on a management port of its own when one is set; each proxied
 * request timed once, as the gateway's own request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.server.port=0",
    "management.endpoints.web.exposure.include=health,info,prometheus"})
class GatewayMetricsIT {

    static final WireMockServer QUERY = StandInServices.start();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        QUERY.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"keys\":[]}")));
        registry.add("gateway.query-service-url", QUERY::baseUrl);
    }

    @AfterAll
    static void stop() {
        QUERY.stop();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreServedOnTheManagementPortOnly_andAProxiedRequestIsTimedOnce() throws Exception {
        assertThat(get(port, "/.well-known/jwks.json").statusCode()).isEqualTo(200);

        HttpResponse<String> scrape = get(managementPort, "/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("http_server_requests_seconds_count{", "uri=\"/.well-known/jwks.json\"")
                .doesNotContain("http_client_requests_seconds");
        assertThat(get(port, "/actuator/prometheus").statusCode()).isEqualTo(404);
    }
}
