package dev.authsvc.command.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * How many of the newest events the embedded event store keeps in memory for the processors that follow the head
     * of the stream (the publisher); one that falls further behind reads from the database. Axon's default, 10 000,
     * held under a steady 200 commands/s more than half of the 256 MB heap: each cached event carries its own
     * tracking token, and each token its own copy of the set of gaps in the global index (hundreds while hundreds
     * of transactions commit out of order).
     */
    static final int CACHED_EVENTS = 1_000;

    /**
     * The Jackson 2 mapper behind Axon's serializer (events, snapshots, tokens). Fields, not getters, so an
     * aggregate snapshot holds exactly its state; unknown properties are ignored so events can gain fields
     * (additive changes) and old ones still load; times as ISO-8601 text.
     */
    @Bean
    ObjectMapper axonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Puts a {@link TransactionAwareEventStore} where Axon's auto-configuration puts its embedded event store,
     * on the same storage engine (defining an event store bean instead would switch off Axon's JDBC engine
     * bean). The replaced store never started: its reader thread starts with the first stream.
     */
    @Bean
    static BeanPostProcessor transactionAwareEventStore(ObjectProvider<EventStorageEngine> storageEngine) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof EmbeddedEventStore && !(bean instanceof TransactionAwareEventStore)) {
                    return new TransactionAwareEventStore(EmbeddedEventStore.builder()
                            .storageEngine(storageEngine.getObject())
                            .cachedEvents(CACHED_EVENTS));
                }
                return bean;
            }
        };
    }

    /** Snake-case table and column names, as the Flyway migrations create them (Axon's defaults are camelCase). */
    @Bean
    EventSchema eventSchema() {
        return snakeCaseEventSchema();
    }

    /** The event store's table and column names, as {@link #eventSchema()} gives them to Axon. */
    public static EventSchema snakeCaseEventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Tells Axon that a unique-key violation (SQL state 23505, on PostgreSQL and H2 alike) while appending means
     * another writer took that sequence number of the user first: it then raises a {@code ConcurrencyException},
     * which the command runner retries. Axon's default resolver misses PostgreSQL's batch errors.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * The user aggregate's lock ({@code @Aggregate(lockFactory = ...)}): Axon's pessimistic lock per user, held until
     * the database transaction around the command ends ({@link TransactionScopedLockFactory}).
     */
    @Bean
    LockFactory userLockFactory() {
        return new TransactionScopedLockFactory(PessimisticLockFactory.usingDefaults());
    }

    /** A snapshot after every {@code auth.snapshot-threshold} events, so a user with a long history loads fast. */
    @Bean
    SnapshotTriggerDefinition userSnapshotTrigger(Snapshotter snapshotter,
            @Value("${auth.snapshot-threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
