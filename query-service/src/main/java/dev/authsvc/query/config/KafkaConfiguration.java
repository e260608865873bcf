package dev.authsvc.query.config;

import dev.authsvc.web.outage.KafkaConsumerHealthIndicator;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    /**
     * A record that fails to apply (the database is unreachable, say) is tried again and again, with back-off up
     * to 30 s, holding its partition: skipping it would leave the read model silently wrong, holding shows up
     * in the consumer lag ({@code kafka.consumer.fetch.manager.records.lag.max}).
     */
    @Bean
    CommonErrorHandler userEventErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(Duration.ofSeconds(30).toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }

    /** {@code kafkaConsumer} in the readiness group: ready once the consumers have their partitions. */
    @Bean
    KafkaConsumerHealthIndicator kafkaConsumerHealthIndicator(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        return new KafkaConsumerHealthIndicator(registry);
    }
}
