package dev.authsvc.standalone;

import static dev.authsvc.standalone.KafkaBrokerIT.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor with real processes standing in for services: small shell scripts, and an HTTP server in this
 * test answering the readiness check. The back-off is shortened (10 ms doubling) so the schedule does not make the
 * test slow; {@link RestartBackOffTest} proves the real one.
 */
class ServiceSupervisorTest {

    static final RestartBackOff QUICK = new RestartBackOff(Duration.ofMillis(10), Duration.ofMillis(80), 5);

    @TempDir
    Path data;

    final List<String> log = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> gaveUp = new CompletableFuture<>();

    ServiceProcess.Spec script(String name, URI readiness, String script) {
        return new ServiceProcess.Spec(name, readiness, List.of("sh", "-c", script), Map.of(), data,
                data.resolve("logs").resolve(name + ".log"));
    }

    ServiceSupervisor supervisor(ServiceProcess.Spec spec, RestartBackOff backOff) {
        return new ServiceSupervisor(spec, backOff, Duration.ofSeconds(20), log::add, gaveUp::complete);
    }

    @Test
    void aServiceThatKeepsDyingAtStart_isGivenUpAfterFiveStartsWithItsExitCodeAndTheEndOfItsLog() throws Exception {
        URI nothingListening = URI.create("http://127.0.0.1:" + freePort() + "/actuator/health/readiness");
        ServiceSupervisor supervisor = supervisor(script("broken", nothingListening,
                "echo 'APPLICATION FAILED TO START: port in use'; printf '\\tat dev.Broken.main(Broken.java:1)\\n'; exit 3"),
                QUICK);

        supervisor.start();

        String reason = gaveUp.get(30, TimeUnit.SECONDS);
        assertThat(reason).contains("broken exited with code 3").contains("APPLICATION FAILED TO START: port in use")
                .doesNotContain("at dev.Broken.main")
                .endsWith("broken failed to start 5 times in a row; giving up");
        assertThat(log).filteredOn(line -> line.contains("Restarting broken in")).hasSize(4);
        // The stack hears of the give-up first; the first-ready future fails right after, on the supervisor's thread.
        assertThat(supervisor.firstReady()).failsWithin(Duration.ofSeconds(5));
        supervisor.requestStop();
        supervisor.awaitStopped(Instant.now().plusSeconds(5));
    }

    @Test
    void aServiceThatDiesAfterBeingReady_isStartedAgainAndIsReadyAgain() throws Exception {
        HttpServer readiness = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        readiness.createContext("/actuator/health/readiness", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        readiness.start();
        try {
            URI ready = URI.create("http://127.0.0.1:" + readiness.getAddress().getPort() + "/actuator/health/readiness");
            // Runs until killed; each run leaves a line in the log.
            ServiceSupervisor supervisor = supervisor(script("sturdy", ready, "echo started; exec sleep 600"),
                    new RestartBackOff());
            supervisor.start();
            supervisor.firstReady().get(20, TimeUnit.SECONDS);
            ProcessHandle first = supervisor.process().orElseThrow();

            first.destroyForcibly();

            await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.process()
                    .filter(process -> process.pid() != first.pid()).isPresent() && supervisor.isReady());
            assertThat(log).anySatisfy(line -> assertThat(line).startsWith("sturdy exited with code 137 after")
                    .contains("started").endsWith("Restarting sturdy in 1 s."));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log)
                    .anySatisfy(line -> assertThat(line).startsWith("sturdy is ready again")));
            ProcessHandle second = supervisor.process().orElseThrow();

            supervisor.requestStop();
            supervisor.awaitStopped(Instant.now().plusSeconds(10));

            assertThat(second.isAlive()).isFalse();
            assertThat(gaveUp).isNotDone();
        } finally {
            readiness.stop(0);
        }
    }

    @Test
    void aStopWhileWaitingToRestart_startsNothingMore() throws Exception {
        URI nothingListening = URI.create("http://127.0.0.1:" + freePort() + "/actuator/health/readiness");
        ServiceSupervisor supervisor = supervisor(script("dying", nothingListening, "exit 1"),
                new RestartBackOff(Duration.ofSeconds(30), Duration.ofSeconds(30), 5));
        supervisor.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> log.stream().anyMatch(line -> line.contains("Restarting")));

        supervisor.requestStop();
        supervisor.awaitStopped(Instant.now().plusSeconds(5));

        assertThat(log).filteredOn(line -> line.contains("Restarting")).hasSize(1);
        assertThat(supervisor.process()).isEmpty();
        assertThatThrownBy(() -> supervisor.firstReady().get(1, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("stopped before it was ready");
    }
}
