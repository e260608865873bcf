package dev.authsvc.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Full JIT with the JVM's own thresholds where the traffic goes, C1 for the notifier; STANDALONE_JAVA_OPTS rules all. */
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

        for (String service : new String[] {"command-service", "query-service", "gateway"}) {
            assertThat(config.javaOptions(service)).as(service).isEqualTo(StandaloneConfig.DEFAULT_JAVA_OPTIONS)
                    .doesNotContain("TieredStopAtLevel")
                    .doesNotContain("Tier4");
        }
        assertThat(config.javaOptions("notifier")).isEqualTo(StandaloneConfig.QUICK_START_JAVA_OPTIONS)
                .contains("-XX:TieredStopAtLevel=1");
    }

    @Test
    void standaloneJavaOpts_isEveryServicesOptions() {
        StandaloneConfig config = StandaloneConfig.fromEnvironment(Map.of("STANDALONE_JAVA_OPTS", "-Xmx512m"));

        for (String service : new String[] {"command-service", "query-service", "gateway", "notifier"}) {
            assertThat(config.javaOptions(service)).isEqualTo("-Xmx512m");
        }
    }
}
