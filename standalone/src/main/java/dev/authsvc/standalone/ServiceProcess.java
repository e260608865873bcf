package dev.authsvc.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the stack as a child JVM running its own jar, which this jar carries under {@code services/}.
 * Each service keeps its own classpath and configuration, exactly as in production; its output goes to
 * {@code <data>/logs/<name>.log}.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(String name, int port, StandaloneConfig config, Map<String, String> environment)
            throws IOException {
        Path jar = extractJar(name, config.dataDir().resolve("lib"));
        Path log = config.dataDir().resolve("logs").resolve(name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(Arrays.stream(config.javaOptions().split("\\s+")).filter(option -> !option.isBlank()).toList());
        command.add("-Ddisable-axoniq-console-message=true");
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(config.dataDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ServiceProcess(name, port, builder.start(), log);
    }

    /** Copies the embedded jar out when it is missing or differs, so a rebuilt standalone runs new code. */
    private static Path extractJar(String name, Path libDir) throws IOException {
        Files.createDirectories(libDir);
        Path target = libDir.resolve(name + ".jar");
        try (InputStream embedded = ServiceProcess.class.getResourceAsStream("/services/" + name + ".jar")) {
            if (embedded == null) {
                throw new IllegalStateException("services/" + name + ".jar is missing from the standalone jar: "
                        + "build it with ./mvnw -DskipTests install");
            }
            byte[] bytes = embedded.readAllBytes();
            if (!Files.exists(target) || Files.size(target) != bytes.length
                    || !Arrays.equals(Files.readAllBytes(target), bytes)) {
                Path temporary = libDir.resolve(name + ".jar.tmp");
                Files.write(temporary, bytes);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return target;
    }

    /** Waits until {@code /actuator/health} answers 200, or fails with its last answer and the end of the log. */
    void awaitHealthy(Instant deadline) throws IOException, InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
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
                lastAnswer = "health not answering on port " + port + ": " + notYetListening;
            }
            // Polling a starting process: nothing to wait on but time.
            process.waitFor(500, TimeUnit.MILLISECONDS);
        } while (Instant.now().isBefore(deadline));
        throw new IllegalStateException(name + " did not become healthy in time (" + lastAnswer + "); the end of "
                + log + ":\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
