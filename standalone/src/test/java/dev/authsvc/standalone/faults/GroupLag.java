package dev.authsvc.standalone.faults;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records of the topic a consumer group has not acknowledged yet (every partition of the topic), and a way
 * to make a group read the whole topic again.
 */
final class GroupLag implements AutoCloseable {

    static final String TOPIC = "auth.user-events.v1";

    private final Admin admin;

    GroupLag(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
    }

    long of(String group) throws Exception {
        Set<TopicPartition> partitions = partitions();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()))).all().get();
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata done = committed.get(partition);
            lag += ends.get(partition).offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    /**
     * Sets the group's offsets back to the start of every partition, as if it had committed none: its next consumer
     * is given every record again. Only while none of the group's consumers runs; a killed one stays a member until
     * its session times out (45 s), so the group's members are removed first.
     */
    void rewind(String group) throws Exception {
        if (!admin.describeConsumerGroups(Set.of(group)).all().get().get(group).members().isEmpty()) {
            admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all().get();
        }
        admin.alterConsumerGroupOffsets(group, partitions().stream()
                .collect(Collectors.toMap(partition -> partition, partition -> new OffsetAndMetadata(0))))
                .all().get();
    }

    private Set<TopicPartition> partitions() throws Exception {
        return admin.describeTopics(Set.of(TOPIC)).allTopicNames().get().get(TOPIC)
                .partitions().stream().map(info -> new TopicPartition(TOPIC, info.partition()))
                .collect(Collectors.toSet());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
