package dev.authsvc.notifier.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.notifier.support.Notifiers;
import dev.authsvc.testsupport.TestBrokers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The broker goes away under a running notifier: the outage is logged once, the log then stays quiet (the
 * Kafka clients used to write megabytes of reconnect lines in seconds), and the broker's return is logged.
 * The notifier's probe runs every second here (10 s by default) so that the test needs no long wait.
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokerOutageLogIT {

    private static final String TOPIC = "outage.user-events.v1";
    /** What a notifier may log in the window: the outage itself and a few lines of its consumer giving up. */
    private static final int QUIET = 10;

    @Test
    void whileTheBrokerIsDown_theOutageIsLoggedOnce_theLogStaysQuiet_andTheReturnIsLogged(CapturedOutput output) {
        int port = TestBrokers.freePort();
        EmbeddedKafkaKraftBroker broker = TestBrokers.startOnPort(port);
        broker.addTopics(TOPIC);
        try (ConfigurableApplicationContext notifier = Notifiers.start(TOPIC, "notifier-outage", Map.of(
                "spring.kafka.bootstrap-servers", "127.0.0.1:" + port, "auth.probes.interval", "1s"))) {
            TestBrokers.stop(broker);
            await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().contains("Kafka broker unreachable"));

            int from = output.getOut().length();
            await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20))
                    .until(() -> output.getOut().substring(from).lines().count() <= QUIET);

            TestBrokers.restart(broker);
            await().atMost(Duration.ofSeconds(60)).until(() -> output.getOut().contains("Kafka broker reachable again"));
            assertThat(output.getOut().substring(from)).doesNotContain("Rebootstrapping");
        } finally {
            broker.destroy();
        }
    }
}
