package dev.authsvc.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full JIT with the JVM's own thresholds where the traffic goes, C1 for the notifier, a larger young generation for
 * command-service; STANDALONE_JAVA_OPTS rules all.
 */
class JavaOptionsTest {

    /** A process whose worker thread runs out of heap while its main thread goes on, as Tomcat's acceptor did. */
    private static final String HEAP_HOG = """
            import java.util.ArrayList;
            import java.util.List;

            public class HeapHog {
                public static void main(String[] args) throws Exception {
                    Thread worker = new Thread(() -> {
                        List<long[]> held = new ArrayList<>();
                        while (true) {
                            held.add(new long[1 << 20]);
                        }
                    });
                    worker.start();
                    worker.join();
                    System.out.println("worker died, process lives on");
                    Thread.sleep(120_000);
                }
            }
            """;

    @Test
    void byDefault_aServiceOutOfHeap_exits_soItsSupervisorStartsItAgain(@TempDir Path dir)
            throws IOException, InterruptedException {
        for (String service : new String[] {"command-service", "gateway"}) {
            Path source = Files.writeString(dir.resolve("HeapHog.java"), HEAP_HOG);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(Arrays.asList(
                    StandaloneConfig.fromEnvironment(Map.of()).javaOptions(service).split(" ")));
            command.add(source.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(service + ".log").toFile())
                    .start();
            try {
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(service + " exited").isTrue();
                assertThat(process.exitValue()).isNotZero();
                assertThat(Files.readString(dir.resolve(service + ".log"))).doesNotContain("process lives on");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void byDefault_theServicesThatTakeTheTrafficGetFullJitWithTheJvmsThresholds_andTheNotifierC1() {
        StandaloneConfig config = StandaloneConfig.fromEnvironment(Map.of());

        for (String service : new String[] {"query-service", "gateway"}) {
            assertThat(config.javaOptions(service)).as(service).isEqualTo(StandaloneConfig.DEFAULT_JAVA_OPTIONS);
        }
        assertThat(config.javaOptions("command-service")).isEqualTo(StandaloneConfig.COMMAND_SERVICE_JAVA_OPTIONS)
                .contains("-Xmn160m", "-XX:+UseSerialGC");
        for (String service : new String[] {"command-service", "query-service", "gateway"}) {
            assertThat(config.javaOptions(service)).as(service)
                    .doesNotContain("TieredStopAtLevel")
                    .doesNotContain("Tier4");
        }
        assertThat(config.javaOptions("notifier")).isEqualTo(StandaloneConfig.QUICK_START_JAVA_OPTIONS)
                .contains("-XX:TieredStopAtLevel=1");
    }

    /**
     * On Java 25 an AOT cache holds heap objects, and a JVM whose first heap is no larger than its young generation
     * cannot load them: it records the cache, then refuses every later start ("Unable to use AOT cache"), and the
     * launcher gives up on the service. Each service's default options must record a cache the next start maps.
     * Runs with a Java 25 or later: the one running the tests, or one under /usr/lib/jvm; skipped without one.
     */
    @Test
    void onJava25_eachServicesDefaultOptions_recordAnAotCache_thatTheNextStartMaps(@TempDir Path dir)
            throws IOException, InterruptedException {
        Optional<Path> java25 = java25OrLater();
        assumeTrue(java25.isPresent(), "no Java 25 or later on this machine");
        StandaloneConfig config = StandaloneConfig.fromEnvironment(Map.of());

        for (String service : new String[] {"command-service", "query-service", "gateway", "notifier"}) {
            Path cache = dir.resolve(service + ".aot");
            List<String> options = Arrays.asList(config.javaOptions(service).split(" "));

            assertThat(runJava(java25.get(), options, "-XX:AOTCacheOutput=" + cache, dir.resolve(service + "-record.log")))
                    .as(service + " recording").isZero();
            assertThat(cache).as(service).isNotEmptyFile();
            Path mapped = dir.resolve(service + "-map.log");
            assertThat(runJava(java25.get(), options, "-XX:AOTCache=" + cache, mapped)).as(service).isZero();
            assertThat(Files.readString(mapped)).as(service).doesNotContain("Unable to use AOT cache");
        }
    }

    /** Runs {@code java <options> <aotOption> -XX:AOTMode=on -version} (a cache it cannot use fails the start). */
    private static int runJava(Path java, List<String> options, String aotOption, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options);
        command.add(aotOption);
        if (aotOption.startsWith("-XX:AOTCache=")) {
            command.add("-XX:AOTMode=on");
        }
        command.add("-version");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    private static Optional<Path> java25OrLater() throws IOException {
        if (Runtime.version().feature() >= 25) {
            return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")) && feature(home) >= 25)
                    .map(home -> home.resolve("bin/java"))
                    .findFirst();
        }
    }

    /** The feature version in a JDK's {@code release} file ({@code JAVA_VERSION="25.0.3"}), 0 when unreadable. */
    private static int feature(Path home) {
        try {
            return Files.readAllLines(home.resolve("release")).stream()
                    .filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .map(version -> Runtime.Version.parse(version).feature())
                    .findFirst().orElse(0);
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
    }

    @Test
    void standaloneJavaOpts_isEveryServicesOptions() {
        StandaloneConfig config = StandaloneConfig.fromEnvironment(Map.of("STANDALONE_JAVA_OPTS", "-Xmx512m"));

        for (String service : new String[] {"command-service", "query-service", "gateway", "notifier"}) {
            assertThat(config.javaOptions(service)).isEqualTo("-Xmx512m");
        }
    }
}
