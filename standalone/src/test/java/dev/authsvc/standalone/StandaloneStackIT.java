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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
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

    /**
     * Starts the jar and waits until it says the stack is up. If it stops first or takes too long, the whole
     * process tree is killed and the test fails with the jar's output and the end of every service's log.
     */
    Process start(Map<String, String> env) throws Exception {
        assertThat(JAR).as("built by the package phase").exists();
        ProcessBuilder builder = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString())
                .redirectErrorStream(true);
        // A clean shell's environment: what the build tool or CI exports (a SERVER_PORT, a SPRING_ variable)
        // must not reach the services, which read their settings from the environment.
        builder.environment().keySet().retainAll(Set.of("PATH", "HOME", "JAVA_HOME", "TMPDIR", "LANG", "USER"));
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<Boolean> up = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                // Read to the end, so the process never blocks on a full pipe.
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    if (line.contains("The auth stack is up.")) {
                        up.complete(true);
                    }
                }
            } catch (IOException e) {
                output.append(e).append('\n');
            }
            up.complete(false);
        }, "standalone-output");
        reader.setDaemon(true);
        reader.start();
        boolean ready;
        try {
            ready = up.get(StandaloneStack.START_TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            ready = false;
        }
        if (!ready) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the stack did not come up; standalone.jar output:\n" + output + serviceLogs());
        }
        return process;
    }

    /** The end of each service's log under the data directory. */
    String serviceLogs() throws IOException {
        Path logs = data.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                text.append("\n--- the end of ").append(log.getFileName()).append(" ---\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
            }
        }
        return text.toString();
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

        for (String service : new String[] {"command-service", "query-service", "notifier", "gateway"}) {
            assertThat(data.resolve("lib").resolve(service).resolve(service + ".jar"))
                    .as("extracted for class-data sharing").exists();
        }

        Process second = start(env);
        try {
            HttpResponse<String> again = post(gateway, "/register", seedUser);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
            // Every service runs its extracted jar and maps (or, when its JVM could not write one, writes) an archive.
            assertThat(second.descendants().map(child -> String.join(" ", child.info().arguments().orElse(new String[0])))
                    .filter(arguments -> arguments.contains("-jar")).toList())
                    .hasSize(4)
                    .allSatisfy(arguments -> assertThat(arguments).contains("/lib/")
                            .containsAnyOf("-XX:SharedArchiveFile=", "-XX:ArchiveClassesAtExit="));
        } finally {
            stop(second);
        }
    }
}
