package dev.authsvc.web.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The rule of {@link KafkaConsumerHealthIndicator}, against a real broker (embedded KRaft) and real listener
 * containers: a consumer is ready once the group has given it its share of the partitions, and an empty share
 * counts. So a member that has joined but got no partition (a group with more consumers than partitions: here two
 * consumers, one partition) is ready and the service is UP; a consumer that is running but whose group has not yet
 * given it anything is not, and the service is DOWN. To hold a consumer in that second state for long enough to see
 * it, the group has another member that stops polling: the group waits for it to rejoin (up to its
 * {@code max.poll.interval.ms}, 12 s) before it assigns anything to anyone.
 */
class KafkaConsumerReadinessIT {

    static final String TOPIC = "readiness.events";
    static EmbeddedKafkaKraftBroker broker;

    AnnotationConfigApplicationContext service;
    KafkaConsumer<String, String> stalledMember;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (stalledMember != null) {
            stalledMember.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void aMemberWithNoPartition_inAGroupWithMoreConsumersThanPartitions_isReady() {
        service = start("idle-members");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> health().getStatus().equals(Status.UP));

        Health health = health();
        assertThat(health.getDetails()).containsEntry("consumersAssigned", "2/2").containsEntry("running", true);
        // One partition for two consumers: one of them reads it, the other is idle, and both count as ready.
        assertThat(health.getDetails().get("partitions")).isEqualTo(Map.of("readiness", 1));
    }

    @Test
    void aRunningConsumerNotYetGivenItsPartitions_isNotReady() {
        stalledMember = consumer("joining");
        stalledMember.subscribe(List.of(TOPIC));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            stalledMember.poll(Duration.ofMillis(200));
            return !stalledMember.assignment().isEmpty();
        });
        // From now on it does not poll: the group's next rebalance waits for it until its poll interval runs out.

        service = start("joining");
        KafkaListenerEndpointRegistry containers = service.getBean(KafkaListenerEndpointRegistry.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> containers.getListenerContainer("readiness").isRunning());

        Health joining = health();
        assertThat(joining.getStatus()).as(joining.getDetails().toString()).isEqualTo(Status.DOWN);
        assertThat(joining.getDetails()).containsEntry("running", true).containsEntry("consumersAssigned", "0/2");

        // Once the group gives up on the stalled member, it assigns: the service becomes ready by itself.
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> health().getStatus().equals(Status.UP));
    }

    Health health() {
        return service.getBean(KafkaConsumerHealthIndicator.class).health();
    }

    AnnotationConfigApplicationContext start(String group) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("bootstrap", broker.getBrokersAsString(), "group", group)));
        context.register(Listening.class);
        context.refresh();
        return context;
    }

    KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 12_000,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 45_000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    /** A service's Kafka set-up in small: one listener, two consumers, the indicator as the rebalance listener. */
    @Configuration(proxyBeanMethods = false)
    @EnableKafka
    static class Listening {

        @Bean
        KafkaConsumerHealthIndicator kafkaConsumerHealthIndicator(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
            return new KafkaConsumerHealthIndicator(registry);
        }

        @Bean
        ConcurrentKafkaListenerContainerFactory<String, String> kafkaListenerContainerFactory(
                @Value("${bootstrap}") String bootstrap, @Value("${group}") String group,
                KafkaConsumerHealthIndicator readiness) {
            ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
            factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)));
            factory.setConcurrency(2);
            factory.getContainerProperties().setConsumerRebalanceListener(readiness);
            return factory;
        }

        @KafkaListener(id = "readiness", idIsGroup = false, topics = TOPIC)
        void on(String event) {
            // Reading is not what is tested.
        }
    }
}
