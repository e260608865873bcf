package dev.authsvc.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "gateway.limits.credential-requests-per-minute=3",
    "gateway.limits.requests-per-minute=6"})
class RateLimitIT {

    static final WireMockServer SERVICES = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        SERVICES.start();
        SERVICES.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("gateway.command-service-url", SERVICES::baseUrl);
        registry.add("gateway.query-service-url", SERVICES::baseUrl);
    }

    @AfterAll
    static void stop() {
        SERVICES.stop();
    }

    @LocalServerPort
    int port;

    int post(String path, HttpClient http) throws Exception {
        return send(path, http).statusCode();
    }

    HttpResponse<String> send(String path, HttpClient http) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void credentialPathsHaveASmallBudgetPerAddressAndEverythingHasALargerOne() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertThat(post("/send-otp", http)).isEqualTo(200);
        assertThat(post("/login", http)).isEqualTo(200);
        assertThat(post("/register", http)).isEqualTo(200);

        HttpResponse<String> limited = send("/reset-password", http);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(limited.body()).contains("\"error\"");

        // Other paths still have room in the general budget (6, of which 4 are spent)...
        assertThat(post("/verify-email", http)).isEqualTo(200);
        assertThat(post("/token/refresh", http)).isEqualTo(200);
        // ...until it is spent too.
        assertThat(post("/verify-phone", http)).isEqualTo(429);
    }
}
