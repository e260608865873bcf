package dev.authsvc.command.publisher;

import dev.authsvc.events.UserEventEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the whole topic from the beginning, as a subscriber would, and keeps every record read. Partitions are
 * assigned, not subscribed, so no consumer group is involved; a missing topic or a stopped broker just means
 * nothing new is read yet.
 */
final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    TopicReader(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Reading must never create the topic: the publisher has to.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads what has arrived since the last call; answers every record read so far, in the order read. */
    List<ConsumerRecord<String, byte[]>> poll() {
        assignNewPartitions();
        if (!consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return List.copyOf(records);
    }

    /** The records of one user read so far, in topic order (they share a partition). */
    List<ConsumerRecord<String, byte[]>> recordsOf(String userId) {
        return poll().stream()
                .filter(record -> userId.equals(record.key()))
                .sorted(Comparator.comparingInt(ConsumerRecord<String, byte[]>::partition)
                        .thenComparingLong(ConsumerRecord::offset))
                .toList();
    }

    private void assignNewPartitions() {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(UserEventEnvelope.TOPIC, Duration.ofMillis(500));
        } catch (TimeoutException e) {
            return;
        }
        Set<TopicPartition> all = partitions.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .collect(Collectors.toSet());
        if (!all.isEmpty() && !all.equals(consumer.assignment())) {
            Set<TopicPartition> added = new HashSet<>(all);
            added.removeAll(consumer.assignment());
            consumer.assign(all);
            consumer.seekToBeginning(added);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
