package dev.authsvc.standalone;

import static dev.authsvc.standalone.KafkaBrokerIT.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher supervises its services, as {@code java -jar standalone.jar} runs: its services end with it however
 * it ends, and a service that dies is started again. Each test runs its own launcher on its own data directory and
 * ports, and kills whatever is left when it ends.
 */
class StandaloneSupervisionIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final List<String> SERVICES = List.of("command-service", "query-service", "notifier", "gateway");

    @TempDir
    Path data;

    /**
     * A running {@code java -jar standalone.jar}, everything it printed so far, and every service process it was
     * seen to run (kept, because a service orphaned by the launcher's death is no longer its descendant).
     */
    record Launcher(Process process, StringBuffer output, Set<ProcessHandle> seen) implements AutoCloseable {

        static Launcher start(Path data, Map<String, String> env) throws IOException {
            assertThat(StandaloneStackIT.JAR).as("built by the package phase").exists();
            ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-jar", StandaloneStackIT.JAR.toString()).redirectErrorStream(true);
            builder.environment().keySet().retainAll(Set.of("PATH", "HOME", "JAVA_HOME", "TMPDIR", "LANG", "USER"));
            builder.environment().putAll(env);
            Process process = builder.start();
            StringBuffer output = new StringBuffer();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        output.append(line).append('\n');
                    }
                } catch (IOException e) {
                    output.append(e).append('\n');
                }
            }, "launcher-output");
            reader.setDaemon(true);
            reader.start();
            return new Launcher(process, output, ConcurrentHashMap.newKeySet());
        }

        /** The service JVMs this launcher started (children only: the broker runs inside the launcher). */
        List<ProcessHandle> services() {
            List<ProcessHandle> services = process.children()
                    .filter(child -> child.info().commandLine().orElse("").contains("/lib/")).toList();
            seen.addAll(services);
            return services;
        }

        ProcessHandle service(String name) {
            return services().stream()
                    .filter(child -> child.info().commandLine().orElse("").contains("/lib/" + name + ".jar"))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " is not running; output:\n" + output));
        }

        void awaitUp() {
            await().atMost(StandaloneStack.START_TIMEOUT.plusSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .failFast("the launcher ended", () -> !process.isAlive())
                    .until(() -> output.indexOf("The auth stack is up.") >= 0);
        }

        void signal(String signal) throws Exception {
            assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start()
                    .waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        /** Kills what is left, so a failed test leaves no process behind. */
        @Override
        public void close() throws InterruptedException {
            process.descendants().forEach(seen::add);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            seen.forEach(ProcessHandle::destroyForcibly);
        }
    }

    Map<String, String> environment() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("AUTH_DATA_DIR", data.toString());
        env.putAll(GatewayStackFixtures.QUICK_START);
        for (String port : new String[] {"KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "GATEWAY_PORT", "COMMAND_SERVICE_PORT",
                "QUERY_SERVICE_PORT", "NOTIFIER_PORT"}) {
            env.put(port, Integer.toString(freePort()));
        }
        return env;
    }

    boolean everyServiceHasBegunStarting() throws IOException {
        for (String service : SERVICES) {
            Path log = data.resolve("logs").resolve(service + ".log");
            if (!Files.exists(log) || !Files.readString(log).contains("Starting ")) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"KILL", "TERM"})
    void theServicesEndWithTheLauncher_whenItIsSignalledWhileTheyStart(String signal) throws Exception {
        try (Launcher launcher = Launcher.start(data, environment())) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .failFast("the launcher ended", () -> !launcher.process().isAlive())
                    .until(() -> launcher.services().size() == 4 && everyServiceHasBegunStarting());
            List<ProcessHandle> services = launcher.services();
            assertThat(launcher.output().toString()).as("still starting").doesNotContain("The auth stack is up");

            launcher.signal(signal);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(services).as("service processes still alive")
                            .noneMatch(ProcessHandle::isAlive));
            assertThat(launcher.process().waitFor(30, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        }
    }

    @Test
    void aKilledServiceIsStartedAgain_andTheStackServesThroughTheGatewayOnceItIsReady() throws Exception {
        Map<String, String> env = environment();
        String gateway = "http://127.0.0.1:" + env.get("GATEWAY_PORT");
        try (Launcher launcher = Launcher.start(data, env)) {
            launcher.awaitUp();
            assertThat(post(gateway, "/register", """
                    {"first_name": "Akash", "last_name": "Gupta", "email": "akash.gupta@gmail.com",
                     "phone_number": "+1234567890", "password": "secure_password", "role": "employee"}""", null)
                    .statusCode()).isEqualTo(200);
            ProcessHandle queryService = launcher.service("query-service");

            queryService.destroyForcibly();

            // JVM start, then the group hands the partitions on once the dead member's session (45 s) expires.
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
                    .failFast("the launcher ended", () -> !launcher.process().isAlive())
                    .until(() -> launcher.output().indexOf("query-service is ready again") >= 0);
            String output = launcher.output().toString();
            // The launcher's own account of the restart, with its timings, for the build log.
            output.lines().filter(line -> line.contains("query-service exited") || line.contains("ready again")
                    || line.startsWith("Restarting")).forEach(System.out::println);
            assertThat(output).contains("query-service exited with code 137 after")
                    .contains("Restarting query-service in 1 s.");
            assertThat(launcher.service("query-service").pid()).isNotEqualTo(queryService.pid());
            HttpResponse<String> readiness = HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + env.get("QUERY_SERVICE_PORT") + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);

            HttpResponse<String> login = post(gateway, "/login",
                    "{\"email\": \"akash.gupta@gmail.com\", \"password\": \"secure_password\"}", null);
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
            assertThat(token.find()).isTrue();
            HttpResponse<String> me = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/me"))
                    .header("Authorization", "Bearer " + token.group(1)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(me.body()).contains("akash.gupta@gmail.com");

            List<ProcessHandle> services = launcher.services();
            launcher.signal("TERM");
            assertThat(launcher.process().waitFor(60, TimeUnit.SECONDS)).as("SIGTERM stops the launcher").isTrue();
            assertThat(services).noneMatch(ProcessHandle::isAlive);
        }
    }

    static HttpResponse<String> post(String base, String path, String json, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
