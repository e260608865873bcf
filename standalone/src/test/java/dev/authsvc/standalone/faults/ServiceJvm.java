package dev.authsvc.standalone.faults;

import dev.authsvc.standalone.StandaloneConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One service jar run as its own JVM, as the standalone launcher runs it (same JVM flags, small heap), for the
 * tests that kill a service: {@link #kill()} is SIGKILL, no shutdown hook runs. The jars are the ones the package
 * phase copied under {@code target/classes/services}. Each start writes its own log under the test's directory.
 */
final class ServiceJvm implements AutoCloseable {

    /** The standalone's quick-start STANDALONE_JAVA_OPTS, which the stack tests run with too. */
    static final List<String> JAVA_OPTIONS = Stream.concat(
            Arrays.stream(StandaloneConfig.QUICK_START_JAVA_OPTIONS.split(" ")),
            Stream.of("-Ddisable-axoniq-console-message=true")).toList();
    static final Duration START_TIMEOUT = Duration.ofSeconds(150);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceJvm(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts service {@code jar} (command-service, query-service, notifier) and waits until it is healthy. */
    static ServiceJvm start(String jar, String name, int port, Path directory, Map<String, String> environment)
            throws IOException, InterruptedException {
        ServiceJvm service = launch(jar, name, port, directory, environment);
        try {
            service.awaitHealthy(Instant.now().plus(START_TIMEOUT));
        } catch (RuntimeException | IOException | InterruptedException e) {
            service.close();
            throw e;
        }
        return service;
    }

    static ServiceJvm launch(String jar, String name, int port, Path directory, Map<String, String> environment)
            throws IOException {
        Files.createDirectories(directory.resolve("logs"));
        Path log = directory.resolve("logs").resolve(name + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JAVA_OPTIONS);
        command.add("-jar");
        command.add(jar(jar).toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ServiceJvm(name, port, builder.start(), log);
    }

    static Path jar(String service) {
        URL jar = ServiceJvm.class.getResource("/services/" + service + ".jar");
        if (jar == null) {
            throw new IllegalStateException("services/" + service + ".jar is not on the test classpath: the package "
                    + "phase copies it (run the test through failsafe, ./mvnw -pl standalone -am verify)");
        }
        try {
            return Path.of(jar.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    void awaitHealthy(Instant deadline) throws IOException, InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        String lastAnswer = "nothing listening on port " + port;
        do {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting (exit " + process.exitValue()
                        + "); the end of " + log + ":\n" + tail());
            }
            try {
                HttpResponse<String> answer = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                lastAnswer = "health answered " + answer.statusCode() + " " + answer.body();
            } catch (IOException notYetListening) {
                lastAnswer = "health not answering: " + notYetListening;
            }
            // A starting process: nothing to wait on but time.
            process.waitFor(300, TimeUnit.MILLISECONDS);
        } while (Instant.now().isBefore(deadline));
        throw new IllegalStateException(name + " did not become healthy in time (" + lastAnswer + "); the end of "
                + log + ":\n" + tail());
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: the JVM ends at once, without its shutdown hooks, mid-request, mid-transaction. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL for 10 s");
        }
    }

    String tail() throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
