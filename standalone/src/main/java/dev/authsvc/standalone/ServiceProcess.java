package dev.authsvc.standalone;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
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
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * One run of one service of the stack: a child JVM running the service's own jar, which this jar carries under
 * {@code services/}. Each service keeps its own classpath and configuration, exactly as in production; its output
 * is appended to {@code <data>/logs/<name>.log}. Its standard input is a pipe from this process that stays open
 * and silent: the service's {@link ParentWatch} ends the service when it closes.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Pattern STACK_FRAME = Pattern.compile("\\s+(at |\\.\\.\\. \\d+ (common frames omitted|more)).*");

    /** How to start a service: its command, environment, working directory, log, and where it says it is ready. */
    record Spec(String name, URI readiness, List<String> command, Map<String, String> environment, Path directory,
            Path log) {

        Spec {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }

        /**
         * A service jar run by the same Java as this process, with the parent watch, the stack's options and
         * {@code classDataSharing}'s ({@link ClassDataSharing#options}).
         */
        static Spec javaService(String name, int port, Path jar, List<String> classDataSharing, Path parentWatchJar,
                StandaloneConfig config, Map<String, String> environment) {
            List<String> command = new ArrayList<>();
            command.add(java());
            command.addAll(javaOptions(config, name));
            command.addAll(classDataSharing);
            command.add("-javaagent:" + parentWatchJar);
            command.add("-Ddisable-axoniq-console-message=true");
            command.add("-jar");
            command.add(jar.toString());
            return new Spec(name, URI.create(config.url(port) + "/actuator/health/readiness"), command, environment,
                    config.dataDir(), config.dataDir().resolve("logs").resolve(name + ".log"));
        }

        /** Whether the JVM writes a class-data-sharing archive or an AOT cache when it exits, which takes a while. */
        boolean writesCacheAtExit() {
            return command.stream().anyMatch(option -> option.startsWith("-XX:AOTCacheOutput=")
                    || option.startsWith("-XX:ArchiveClassesAtExit="));
        }

        /** The JVM options the stack gives service {@code name} ({@link StandaloneConfig#javaOptions}), one by one. */
        static List<String> javaOptions(StandaloneConfig config, String name) {
            return Arrays.stream(config.javaOptions(name).split("\\s+")).filter(option -> !option.isBlank()).toList();
        }

        /** The Java this process runs on, which runs the services too. */
        static String java() {
            return ProcessHandle.current().info().command().orElse("java");
        }

        ServiceProcess start() throws IOException {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return new ServiceProcess(this, builder.start());
        }
    }

    private final Spec spec;
    private final Process process;
    private final Instant startedAt = Instant.now();
    private volatile String lastAnswer = "not asked yet";

    private ServiceProcess(Spec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    /**
     * Copies the embedded jar out when it is missing or differs, so a rebuilt standalone runs new code. Both are read
     * a buffer at a time: the jars are 50 to 75 MB each, and holding them whole would leave hundreds of MB of garbage
     * in this process's heap, which no GC would return before the stack is up.
     */
    static Path extractJar(String name, Path libDir) throws IOException {
        Files.createDirectories(libDir);
        Path target = libDir.resolve(name + ".jar");
        URL embedded = ServiceProcess.class.getResource("/services/" + name + ".jar");
        if (embedded == null) {
            throw new IllegalStateException("services/" + name + ".jar is missing from the standalone jar: "
                    + "build it with ./mvnw -DskipTests install");
        }
        copyIfChanged(embedded, target);
        return target;
    }

    /** Copies {@code source} to {@code target} (atomically) unless {@code target} already has the same bytes. */
    static void copyIfChanged(URL source, Path target) throws IOException {
        boolean same;
        try (InputStream original = source.openStream()) {
            same = Files.exists(target) && sameBytes(original, target);
        }
        if (!same) {
            Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
            try (InputStream original = source.openStream()) {
                Files.copy(original, temporary, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static boolean sameBytes(InputStream embedded, Path file) throws IOException {
        try (InputStream copy = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            InputStream original = new BufferedInputStream(embedded, 1 << 16);
            byte[] wanted = new byte[1 << 16];
            byte[] found = new byte[1 << 16];
            while (true) {
                int length = original.readNBytes(wanted, 0, wanted.length);
                if (copy.readNBytes(found, 0, length) != length
                        || !Arrays.equals(wanted, 0, length, found, 0, length)) {
                    return false;
                }
                if (length < wanted.length) {
                    return copy.read() == -1;
                }
            }
        }
    }

    /**
     * Waits until the service's readiness endpoint answers 200 (every readiness check of the service UP, not
     * merely a port listening). False when the process ended first, {@code cancelled} turned true, or the deadline
     * passed; {@link #lastAnswer()} then says what the endpoint last answered.
     */
    boolean awaitReady(Instant deadline, BooleanSupplier cancelled) throws InterruptedException {
        HttpRequest readiness = HttpRequest.newBuilder(spec.readiness()).timeout(Duration.ofSeconds(2)).build();
        while (process.isAlive() && !cancelled.getAsBoolean() && Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> answer = HTTP.send(readiness, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    lastAnswer = "ready";
                    return true;
                }
                lastAnswer = "readiness answered " + answer.statusCode() + " " + answer.body();
            } catch (IOException notYetListening) {
                lastAnswer = "nothing answering on " + spec.readiness() + " (" + notYetListening + ")";
            }
            // Polling a starting process: nothing to wait on but time (or its end).
            process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
        return false;
    }

    String lastAnswer() {
        return lastAnswer;
    }

    /** Waits for the process to end and returns its exit code (128 + the signal's number when a signal ended it). */
    int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    Instant startedAt() {
        return startedAt;
    }

    /** The last lines of the service's log, stack frames left out (the exceptions' messages say more). */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(spec.log()).stream()
                    .filter(line -> !STACK_FRAME.matcher(line).matches()).toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(" + spec.log() + " unreadable: " + e + ")";
        }
    }

    /** Asks the service to stop (SIGTERM, Spring's graceful shutdown). */
    void requestStop() {
        process.destroy();
    }

    /**
     * Waits up to {@code timeout} for the process to end, then kills it and whatever it started (the JVM's child
     * that writes an AOT cache at its exit, which would otherwise go on writing alone).
     */
    void awaitStopped(Duration timeout) throws InterruptedException {
        if (!process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
