package dev.authsvc.standalone;

import static dev.authsvc.standalone.KafkaBrokerIT.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.standalone.StandaloneSupervisionIT.Launcher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One launcher ({@code java -jar standalone.jar}: its supervisor, the gateway, every service as its own JVM) for the
 * faults a service's process does not die of: frozen with SIGSTOP and continued with SIGCONT, and a client that
 * stalls in the middle of its request body. The gateway's answer timeout is 5 s here, and every server's read
 * timeout 3 s (with keep-alive left long, so idle connections of the test's clients are not closed under them).
 */
class FrozenServiceIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path data;

    static Map<String, String> env;
    static Launcher launcher;

    @BeforeAll
    static void startTheStack() throws Exception {
        env = new HashMap<>();
        env.put("AUTH_DATA_DIR", data.toString());
        env.putAll(GatewayStackFixtures.QUICK_START);
        for (String port : new String[] {"KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "GATEWAY_PORT", "COMMAND_SERVICE_PORT",
                "QUERY_SERVICE_PORT", "NOTIFIER_PORT"}) {
            env.put(port, Integer.toString(freePort()));
        }
        env.put("GATEWAY_UPSTREAM_TIMEOUT", UPSTREAM_TIMEOUT.toSeconds() + "s");
        env.put("GATEWAY_UPSTREAM_RETRY_AFTER", "9s");
        env.put("SERVER_TOMCAT_CONNECTIONTIMEOUT", "3s");
        env.put("SERVER_TOMCAT_KEEPALIVETIMEOUT", "60s");
        launcher = Launcher.start(data, env);
        try {
            launcher.awaitUp();
        } catch (RuntimeException e) {
            throw new AssertionError("the stack did not come up; the launcher printed:\n" + launcher.output(), e);
        }
    }

    @AfterAll
    static void stopTheStack() throws InterruptedException {
        if (launcher != null) {
            launcher.close();
        }
    }

    static String url(String portVariable) {
        return "http://127.0.0.1:" + env.get(portVariable);
    }

    @Test
    void aFrozenQueryService_is504WithRetryAfterThroughTheGateway_andServesAgainOnceContinued_withoutARestart()
            throws Exception {
        String gateway = url("GATEWAY_PORT");
        ProcessHandle queryService = launcher.service("query-service");
        String email = "frozen-" + System.nanoTime() + "@example.com";

        signal("STOP", queryService);
        long frozenAt = System.nanoTime();
        try {
            for (String[] route : new String[][] {{"GET", "/.well-known/jwks.json", null},
                    {"POST", "/login", "{\"email\": \"nobody@example.com\", \"password\": \"wrong password\"}"},
                    {"GET", "/me", null}, {"POST", "/token/refresh", "{\"refresh_token\": \"not-a-token\"}"}}) {
                long started = System.nanoTime();
                HttpResponse<String> answer = send(gateway, route[0], route[1], route[2]);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.println("Frozen query-service: " + route[0] + " " + route[1] + " answered "
                        + answer.statusCode() + " after " + took.toMillis() + " ms");

                assertThat(answer.statusCode()).as(route[1] + ": " + answer.body()).isEqualTo(504);
                assertThat(answer.headers().firstValue("Retry-After")).as(route[1]).hasValue("9");
                assertThat(answer.headers().firstValue("Content-Type")).as(route[1])
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(answer.body()).contains("did not answer in time");
                assertThat(took).as(route[1]).isBetween(UPSTREAM_TIMEOUT.minusMillis(100), UPSTREAM_TIMEOUT.plusSeconds(10));
            }
            // The other services' routes are not held up by it.
            HttpResponse<String> register = send(gateway, "POST", "/register", """
                    {"first_name": "Frida", "last_name": "Frost", "email": "%s", "phone_number": "+1234567890",
                     "password": "secure_password", "role": "employee"}""".formatted(email));
            assertThat(register.statusCode()).as(register.body()).isEqualTo(200);
        } finally {
            signal("CONT", queryService);
        }
        System.out.println("query-service was frozen for "
                + Duration.ofNanos(System.nanoTime() - frozenAt).toMillis() + " ms");

        // Continued, it reads what was published meanwhile and answers again: the user registered while it was frozen logs in.
        long continuedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> login = send(gateway, "POST", "/login",
                    "{\"email\": \"" + email + "\", \"password\": \"secure_password\"}");
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        });
        System.out.println("query-service served the login " + Duration.ofNanos(System.nanoTime() - continuedAt).toMillis()
                + " ms after SIGCONT");
        assertThat(send(gateway, "GET", "/.well-known/jwks.json", null).statusCode()).isEqualTo(200);

        // The supervisor watches for exits only: it neither restarted nor stopped the frozen process.
        assertThat(launcher.service("query-service").pid()).isEqualTo(queryService.pid());
        assertThat(launcher.output().toString()).doesNotContain("query-service exited")
                .doesNotContain("query-service did not become ready");
    }

    @Test
    void aClientThatStallsMidBody_is408WithAProblem_fromEveryServiceAndTheGateway() throws Exception {
        for (String[] target : new String[][] {{"GATEWAY_PORT", "/login"}, {"COMMAND_SERVICE_PORT", "/register"},
                {"QUERY_SERVICE_PORT", "/login"}}) {
            String answer = sendPartially(Integer.parseInt(env.get(target[0])), "POST " + target[1] + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":");

            assertThat(answer).as(target[0]).startsWith("HTTP/1.1 408");
            assertThat(headers(answer)).as(answer).contains("content-type: application/problem+json");
            assertThat(answer).contains("\"error\":\"The request body did not arrive in time.\"")
                    .doesNotContain("timestamp");
        }
        // The notifier reads no request body (its one endpoint is a GET): its error page is the same problem.
        String answer = sendPartially(Integer.parseInt(env.get("NOTIFIER_PORT")),
                "GET /error HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(headers(answer)).as(answer).contains("content-type: application/problem+json");
        assertThat(answer).doesNotContain("timestamp");
    }

    static void signal(String signal, ProcessHandle process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -" + signal + " " + process.pid()).isZero();
    }

    static HttpResponse<String> send(String base, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (path.equals("/me")) {
            request.header("Authorization", "Bearer not.a.token");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sendPartially(int port, String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String headers(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        return (end < 0 ? answer : answer.substring(0, end)).toLowerCase(Locale.ROOT);
    }
}
