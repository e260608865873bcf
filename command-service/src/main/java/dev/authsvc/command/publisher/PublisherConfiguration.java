package dev.authsvc.command.publisher;

import dev.authsvc.events.UserEventEnvelope;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/**
 * The publisher: a tracking event processor that reads the event store from the start and sends every
 * user event to Kafka. Its token (table {@code token_entry}) moves past an event only once the broker has
 * acknowledged it; a failed send is retried with Axon's back-off (1 s, doubling up to 60 s). Commands never
 * wait on it. Off with {@code auth.publisher.enabled=false}.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "auth.publisher.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PublisherProperties.class)
public class PublisherConfiguration {

    /** Created by {@link UserEventTopic} before the first send; kept forever so subscribers can replay it. */
    @Bean
    NewTopic userEventsTopic(PublisherProperties properties) {
        return TopicBuilder.name(UserEventEnvelope.TOPIC)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }

    @Bean
    IntegrationEventMapper integrationEventMapper() {
        return new IntegrationEventMapper();
    }

    @Bean
    KafkaEventPublisher kafkaEventPublisher(IntegrationEventMapper mapper, KafkaTemplate<String, String> kafka,
            KafkaAdmin admin, PublisherProperties properties) {
        return new KafkaEventPublisher(mapper, kafka, new UserEventTopic(admin), properties.sendTimeout());
    }

    /**
     * A tracking processor whose handler errors propagate. Axon's default for handler errors logs and skips the
     * event, which would lose it for every subscriber; propagated, the processor releases its claim and tries
     * again after a back-off (1 s, doubling up to 60 s), from the last stored token. Up to
     * {@code auth.publisher.batch-size} events per batch, sent together and acknowledged before the batch's one
     * token update ({@link KafkaEventPublisher}): one event per batch capped the publisher at the rate of one
     * broker round trip and one token commit per event, below 100 events/s on two cores. One thread reads the store
     * in order, so each user's events are sent in their order. A tracking processor waits on the event store's stream, which a commit wakes at
     * once: an event reaches the topic milliseconds after its command (a pooled streaming processor polls the
     * store every 500 ms when it is idle).
     */
    @Bean
    ConfigurerModule kafkaPublisherProcessor(PublisherProperties properties) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(KafkaEventPublisher.PROCESSING_GROUP,
                        Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(properties.batchSize()))
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }

    /**
     * Replaces Boot's listener, which logs the first 100 characters of a failed record's value (an email or a
     * phone number could be among them). A failed send is logged once, by the processor, as the publisher's
     * exception naming the event, with Kafka's error as its cause.
     */
    @Bean
    ProducerListener<Object, Object> kafkaProducerListener() {
        return new ProducerListener<>() {
        };
    }
}
