package dev.authsvc.query.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.query.support.QueryServiceTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Ready means able to do the job: {@code /actuator/health/readiness} is UP only while the event consumer runs with
 * its partitions assigned (and the database answers); liveness does not depend on either.
 */
class ReadinessIT extends QueryServiceTestSupport {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void readinessIsDownWhileTheEventConsumerIsNotInItsGroup_livenessStaysUp() {
        MessageListenerContainer consumer = listeners.getListenerContainer(UserEventListener.LISTENER_ID);
        await().atMost(WAIT).until(() -> get("/actuator/health/readiness").status() == 200);
        assertThat(consumer.getAssignedPartitions()).isNotEmpty();

        consumer.stop();
        try {
            assertThat(get("/actuator/health/readiness").status()).isEqualTo(503);
            assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            consumer.start();
        }

        await().atMost(WAIT).until(() -> get("/actuator/health/readiness").status() == 200);
        assertThat(consumer.getAssignedPartitions()).as("ready again once it has its partitions").isNotEmpty();
    }
}
