package dev.authsvc.notifier.config;

import dev.authsvc.notifier.delivery.PermanentDeliveryException;
import dev.authsvc.notifier.event.FailedEvents;
import dev.authsvc.web.outage.KafkaConsumerHealthIndicator;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Failure handling of the consumer: a transient failure is retried in place with exponential backoff (the
 * partition waits, which keeps each user's events in order); a permanent one, or a transient one that outlasts
 * the retries, goes to the dead-letter topic and the partition moves on. Boot's listener container factory picks
 * the handler up.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    NewTopic deadLetterTopic(NotifierProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic()).partitions(1).build();
    }

    @Bean
    DefaultErrorHandler errorHandler(FailedEvents failedEvents, NotifierProperties properties) {
        NotifierProperties.Retry retry = properties.retry();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(failedEvents, backOff);
        handler.addNotRetryableExceptions(PermanentDeliveryException.class);
        handler.setRetryListeners(failedEvents);
        return handler;
    }

    /** {@code kafkaConsumer} in the readiness group: ready once the consumers have their partitions. */
    @Bean
    KafkaConsumerHealthIndicator kafkaConsumerHealthIndicator(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        return new KafkaConsumerHealthIndicator(registry);
    }
}
