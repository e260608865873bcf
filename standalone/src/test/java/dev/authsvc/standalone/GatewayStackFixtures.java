package dev.authsvc.standalone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.authsvc.standalone.KafkaBrokerIT.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the tests that drive the standalone stack through its gateway share: the real providers' stand-ins (WireMock
 * as the Twilio API, GreenMail as the SMTP server), the stack's environment on free ports, and HTTP calls.
 */
final class GatewayStackFixtures {

    static final String TWILIO_SID = "ACe2e0123456789abcdef0123456789ab";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayStackFixtures() {
    }

    /** A started WireMock that accepts every message sent through Twilio's Messages API. */
    static WireMockServer twilioAcceptingMessages() {
        WireMockServer twilio = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        twilio.start();
        twilio.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"SM00000000000000000000000000000001\", \"status\": \"queued\"}")));
        return twilio;
    }

    /** A started GreenMail SMTP server on a free port of 127.0.0.1. */
    static GreenMail smtpServer() throws IOException {
        GreenMail mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    /**
     * What the stack tests run with: the quick-start JVM options and no class-data sharing (each test's data
     * directory is new, so CDS would only extract jars and write archives). {@code StandaloneStackIT} starts the
     * stack with the defaults.
     */
    static final Map<String, String> QUICK_START = Map.of(
            "STANDALONE_JAVA_OPTS", StandaloneConfig.QUICK_START_JAVA_OPTIONS, ClassDataSharing.VARIABLE, "false");

    /** The stack's environment: data under {@code data}, every port free, SMS and mail to the stand-ins. */
    static Map<String, String> environment(Path data, WireMockServer twilio, GreenMail mail) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("AUTH_DATA_DIR", data.toString());
        env.putAll(GatewayStackFixtures.QUICK_START);
        for (String port : new String[] {"KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "GATEWAY_PORT", "COMMAND_SERVICE_PORT",
                "QUERY_SERVICE_PORT", "NOTIFIER_PORT"}) {
            env.put(port, Integer.toString(freePort()));
        }
        env.put("TWILIO_SID", TWILIO_SID);
        env.put("TWILIO_AUTH_TOKEN", "e2e-twilio-auth-token");
        env.put("TWILIO_PHONE_NUMBER", "+15005550006");
        env.put("TWILIO_API_BASE_URL", twilio.baseUrl());
        env.put("SMTP_SERVER", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(mail.getSmtp().getPort()));
        return env;
    }

    static HttpResponse<String> call(StandaloneStack stack, String method, String path, String json, String bearer)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
