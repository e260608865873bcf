package dev.authsvc.standalone;

import static dev.authsvc.standalone.KafkaBrokerIT.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a user runs it: {@code java -jar standalone/target/standalone.jar}, a real
 * process, stopped the way Ctrl-C stops it (the JVM's shutdown hook), then started again on the same data.
 */
class StandaloneStackIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Path JAR = Path.of("target", "standalone.jar").toAbsolutePath();

    @TempDir
    Path data;

    Map<String, String> environment() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("AUTH_DATA_DIR", data.toString());
        for (String port : new String[] {"KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "GATEWAY_PORT", "COMMAND_SERVICE_PORT",
                "QUERY_SERVICE_PORT", "NOTIFIER_PORT"}) {
            env.put(port, Integer.toString(freePort()));
        }
        return env;
    }

    /** Starts the jar and waits until it says the stack is up; fails with its output if it stops first. */
    static Process start(Map<String, String> env) throws Exception {
        assertThat(JAR).as("built by the package phase").exists();
        ProcessBuilder builder = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Boolean> up = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                boolean ready = false;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    output.append(line).append('\n');
                    if (line.contains("The auth stack is up.")) {
                        ready = true;
                        // Keep draining so the process never blocks on a full pipe.
                        CompletableFuture.runAsync(() -> reader.lines().forEach(rest -> { }));
                        break;
                    }
                }
                return ready;
            } catch (IOException e) {
                return false;
            }
        });
        assertThat(up.get(StandaloneStack.START_TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS))
                .as("standalone.jar output:%n%s", output).isTrue();
        return process;
    }

    /** What Ctrl-C does: the JVM runs its shutdown hook, which stops the services and the broker. */
    static void stop(Process process) throws Exception {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
    }

    static HttpResponse<String> post(String base, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theJarStartsTheStackStopsItCleanlyAndKeepsItsDataForTheNextStart() throws Exception {
        Map<String, String> env = environment();
        String gateway = "http://127.0.0.1:" + env.get("GATEWAY_PORT");
        String seedUser = """
                {"first_name": "Akash", "last_name": "Gupta", "email": "akash.gupta@gmail.com",
                 "phone_number": "+1234567890", "password": "secure_password", "role": "employee"}""";

        Process first = start(env);
        try {
            HttpResponse<String> registered = post(gateway, "/register", seedUser);
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            assertThat(registered.headers().firstValue("X-Request-Id")).isPresent();
            assertThat(post(gateway, "/send-otp", "{\"phone_number\": \"+1234567890\"}").statusCode()).isEqualTo(200);
        } finally {
            stop(first);
        }
        assertThatThrownBy(() -> post(gateway, "/send-otp", "{}")).hasCauseInstanceOf(ConnectException.class)
                .as("the gateway process is gone too");
        assertThat(Files.list(data.resolve("logs"))).isNotEmpty();

        Process second = start(env);
        try {
            HttpResponse<String> again = post(gateway, "/register", seedUser);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        } finally {
            stop(second);
        }
    }
}
