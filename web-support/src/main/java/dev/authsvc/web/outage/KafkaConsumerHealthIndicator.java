package dev.authsvc.web.outage;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Readiness of a service's Kafka consumers ({@code kafkaConsumer} in {@code /actuator/health/readiness} of
 * query-service and the notifier, which declare it as a bean of that name): UP once every listener container runs
 * and each of its consumers has joined its group and been given its partitions (possibly none, when more instances
 * than partitions share the group), so a service reports ready only when it reads the events it exists for. Boot's
 * listener container factory installs this as the containers' rebalance listener. A rebalance
 * does not make it DOWN (the consumer keeps its place in the group); partitions lost, when the group dropped the
 * consumer (after a broker outage longer than the session timeout, say), do until it has rejoined. Not part of
 * liveness: a broker outage never gets the service restarted.
 */
public class KafkaConsumerHealthIndicator implements HealthIndicator, ConsumerAwareRebalanceListener {

    private final ObjectProvider<KafkaListenerEndpointRegistry> registry;
    private final Set<Consumer<?, ?>> assigned =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    public KafkaConsumerHealthIndicator(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.add(consumer);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.remove(consumer);
    }

    @Override
    public Health health() {
        KafkaListenerEndpointRegistry containers = registry.getIfAvailable();
        Collection<MessageListenerContainer> all = containers == null ? Set.of() : containers.getAllListenerContainers();
        if (all.isEmpty()) {
            return Health.down().withDetail("reason", "no listener container").build();
        }
        int consumers = 0;
        boolean running = true;
        Map<String, Object> partitions = new LinkedHashMap<>();
        for (MessageListenerContainer container : all) {
            running &= container.isRunning();
            consumers += container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent
                    ? concurrent.getConcurrency() : 1;
            Collection<TopicPartition> containerPartitions = container.getAssignedPartitions();
            partitions.put(container.getListenerId(), containerPartitions == null ? 0 : containerPartitions.size());
        }
        int joined = assigned.size();
        Health.Builder health = running && joined >= consumers ? Health.up() : Health.down();
        return health.withDetail("running", running).withDetail("consumersAssigned", joined + "/" + consumers)
                .withDetail("partitions", partitions).build();
    }
}
