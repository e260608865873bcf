package dev.authsvc.command.publisher;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code auth.publisher.*} settings (docs/configuration.md). The producer itself is configured under
 * {@code spring.kafka.*}.
 *
 * @param enabled whether command-service publishes its events to Kafka at all
 * @param partitions partitions of the topic when the publisher creates it; records are keyed by user id, so
 *     this bounds how many consumers of one group share the work
 * @param replicationFactor replicas of each partition when the publisher creates the topic
 * @param sendTimeout how long one send waits for the broker's acknowledgement before the event is retried; longer
 *     than the producer's {@code max.block.ms} plus {@code delivery.timeout.ms}, so the producer gives up first
 * @param batchSize the most events sent together before the publisher's token moves past them; a failed batch is
 *     sent again whole
 */
@ConfigurationProperties("auth.publisher")
public record PublisherProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("15s") Duration sendTimeout,
        @DefaultValue("100") int batchSize) {
}
