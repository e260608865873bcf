package dev.authsvc.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.web.outage.OutageProbesAutoConfiguration;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client that stops sending its body halfway, against a real Tomcat running what every service runs: Spring MVC,
 * a {@link BaseProblemDetailsAdvice}, and web-support's auto-configuration. Tomcat answers 408 itself once its read
 * timeout (here 1 s) passes, through the error page: that answer is a problem too, not Spring Boot's error map.
 */
@SpringBootTest(classes = StalledRequestBodyProblemTest.Service.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.tomcat.connection-timeout=1s")
class StalledRequestBodyProblemTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = OutageProbesAutoConfiguration.class)
    @Import({Echo.class, Advice.class})
    static class Service {
    }

    @RestController
    static class Echo {

        @PostMapping("/echo")
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            return body;
        }
    }

    @RestControllerAdvice
    static class Advice extends BaseProblemDetailsAdvice {
    }

    @LocalServerPort
    int port;

    @Test
    void aClientThatStallsHalfwayThroughItsBody_gets408AsAProblem() throws IOException {
        String answer = sendPartially("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"email\":");

        assertThat(answer).startsWith("HTTP/1.1 408 ");
        assertThat(header(answer, "Content-Type")).startsWith("application/problem+json");
        JsonNode problem = JsonMapper.builder().build().readTree(body(answer));
        assertThat(problem.path("status").asInt()).isEqualTo(408);
        assertThat(problem.path("error").asString()).isEqualTo("The request body did not arrive in time.");
        assertThat(problem.path("detail").asString()).isEqualTo("The request body did not arrive in time.");
        assertThat(problem.has("timestamp")).as("Spring Boot's error map").isFalse();
    }

    @Test
    void aWholeRequest_isAnsweredAsUsual() throws IOException {
        String body = "{\"email\":\"a@example.com\"}";
        String answer = sendPartially("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);

        assertThat(answer).startsWith("HTTP/1.1 200 ");
        assertThat(body(answer)).isEqualTo(body);
    }

    /** Writes the bytes as they are and reads whatever comes back until the server closes the connection. */
    String sendPartially(String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String header(String answer, String name) {
        return answer.substring(0, answer.indexOf("\r\n\r\n")).lines()
                .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).trim()).findFirst().orElse("");
    }

    /** The body, unchunked when Tomcat chunked it. */
    static String body(String answer) {
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        if (!header(answer, "Transfer-Encoding").equalsIgnoreCase("chunked")) {
            return body;
        }
        StringBuilder whole = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return whole.toString();
            }
            whole.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
