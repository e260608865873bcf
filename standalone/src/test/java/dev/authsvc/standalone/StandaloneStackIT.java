package dev.authsvc.standalone;

import static dev.authsvc.standalone.KafkaBrokerIT.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack as {@code java -jar standalone.jar} starts it: every service a real process, one origin. */
class StandaloneStackIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    StandaloneConfig config() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("AUTH_DATA_DIR", data.toString());
        for (String port : new String[] {"KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "GATEWAY_PORT", "COMMAND_SERVICE_PORT",
                "QUERY_SERVICE_PORT", "NOTIFIER_PORT"}) {
            env.put(port, Integer.toString(freePort()));
        }
        return StandaloneConfig.fromEnvironment(env);
    }

    HttpResponse<String> post(String base, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSeedsRegistrationWorksThroughTheGatewayAndItsDataSurviveARestart() throws Exception {
        StandaloneConfig config = config();
        String seedUser = """
                {"first_name": "Akash", "last_name": "Gupta", "email": "akash.gupta@gmail.com",
                 "phone_number": "+1234567890", "password": "secure_password", "role": "employee"}""";

        try (StandaloneStack stack = StandaloneStack.start(config)) {
            HttpResponse<String> registered = post(stack.gatewayUrl(), "/register", seedUser);
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            assertThat(registered.headers().firstValue("X-Request-Id")).isPresent();
            assertThat(post(stack.gatewayUrl(), "/send-otp", "{\"phone_number\": \"+1234567890\"}").statusCode())
                    .isEqualTo(200);
        }

        try (StandaloneStack restarted = StandaloneStack.start(config)) {
            HttpResponse<String> again = post(restarted.gatewayUrl(), "/register", seedUser);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        }
    }
}
