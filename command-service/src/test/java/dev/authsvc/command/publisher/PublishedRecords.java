package dev.authsvc.command.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Compares what reached the topic for one user with what the event store holds for them. */
final class PublishedRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final IntegrationEventMapper MAPPER = new IntegrationEventMapper();

    private PublishedRecords() {
    }

    static JsonNode envelope(ConsumerRecord<String, byte[]> record) {
        return JSON.readTree(record.value());
    }

    /** The ids of the user's stored events that are published, in the order they were stored. */
    static List<String> publishedEventIds(List<DomainEventMessage<?>> stored) {
        return stored.stream()
                .filter(event -> MAPPER.map(event).isPresent())
                .map(DomainEventMessage::getIdentifier)
                .toList();
    }

    /**
     * The records a consumer applies, as the design tells it to: each one whose sequence is above the last it
     * applied for the user. Redeliveries (at least once) are skipped.
     */
    static List<String> appliedEventIds(List<ConsumerRecord<String, byte[]>> records) {
        List<String> applied = new ArrayList<>();
        long last = -1;
        for (ConsumerRecord<String, byte[]> record : records) {
            JsonNode envelope = envelope(record);
            long sequence = envelope.get("sequence").asLong();
            if (sequence > last) {
                applied.add(envelope.get("event_id").asString());
                last = sequence;
            }
        }
        return applied;
    }

    /** Every published event of the user arrived, a consumer applies them in the stored order, none lost. */
    static void assertComplete(String userId, List<DomainEventMessage<?>> stored,
            List<ConsumerRecord<String, byte[]>> records) {
        List<String> expected = publishedEventIds(stored);
        assertThat(records).as("records of %s", userId).isNotEmpty()
                .allSatisfy(record -> assertThat(record.key()).isEqualTo(userId));
        assertThat(records.stream().map(ConsumerRecord::partition).distinct())
                .as("one partition for all records of %s", userId).hasSize(1);
        assertThat(appliedEventIds(records)).as("events of %s as a consumer applies them", userId)
                .containsExactlyElementsOf(expected);
        assertThat(records.stream().map(record -> envelope(record).get("event_id").asString()))
                .as("nothing but %s's events", userId).allMatch(expected::contains);
    }
}
