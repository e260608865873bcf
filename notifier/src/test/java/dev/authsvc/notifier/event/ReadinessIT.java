package dev.authsvc.notifier.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.notifier.support.NotifierIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Ready means able to do the job: {@code /actuator/health/readiness} is UP only while the event consumer runs with
 * its partitions assigned (and the database answers); liveness does not depend on either.
 */
class ReadinessIT extends NotifierIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void readinessIsDownWhileTheEventConsumerIsNotInItsGroup_livenessStaysUp() throws Exception {
        MessageListenerContainer consumer = listeners.getListenerContainer("notifier-user-events");
        await().atMost(WAIT).until(() -> status("/actuator/health/readiness") == 200);
        assertThat(consumer.getAssignedPartitions()).isNotEmpty();

        consumer.stop();
        try {
            assertThat(status("/actuator/health/readiness")).isEqualTo(503);
            assertThat(status("/actuator/health/liveness")).isEqualTo(200);
        } finally {
            consumer.start();
        }

        await().atMost(WAIT).until(() -> status("/actuator/health/readiness") == 200);
        assertThat(consumer.getAssignedPartitions()).as("ready again once it has its partitions").isNotEmpty();
    }
}
