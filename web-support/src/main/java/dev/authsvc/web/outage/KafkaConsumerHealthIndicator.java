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
 * query-service and the notifier, which declare it as a bean of that name), so a service reports ready only when it
 * reads the events it exists for. Boot's listener container factory installs this as the containers' rebalance
 * listener. The rule:
 * <ul>
 * <li>UP when every listener container runs and each of its consumers has been given its share of the partitions by
 * its group since it started. <b>An empty share counts</b>: in a group with more consumers than partitions (more
 * instances than partitions, say) the members without a partition are ready, idle, and take partitions over as soon
 * as another member leaves. Kafka tells a member its share after every rebalance, empty or not.</li>
 * <li>DOWN while a consumer runs but its group has not given it a share yet (just started, the group still
 * rebalancing), and when partitions are lost: the group dropped the consumer (after a broker outage longer than the
 * session timeout, say), until it has rejoined. An ordinary rebalance does not make it DOWN: the consumer keeps its
 * place in the group.</li>
 * </ul>
 * Not part of liveness: a broker outage never gets the service restarted. {@code KafkaConsumerReadinessIT} proves
 * both sides with a real broker.
 */
public class KafkaConsumerHealthIndicator implements HealthIndicator, ConsumerAwareRebalanceListener {

    private final ObjectProvider<KafkaListenerEndpointRegistry> registry;
    private final Set<Consumer<?, ?>> assigned =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    public KafkaConsumerHealthIndicator(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        this.registry = registry;
    }

    /** Called after every rebalance, with this consumer's whole share: possibly none, which is still a share. */
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
