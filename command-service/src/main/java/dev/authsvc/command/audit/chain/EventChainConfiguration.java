package dev.authsvc.command.audit.chain;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event storage engine: built as Axon's {@code JdbcAutoConfiguration} builds its own (which steps aside for
 * this bean), but chaining every appended event. Plus the migration that chains events stored before.
 */
@Configuration(proxyBeanMethods = false)
public class EventChainConfiguration {

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration, ConnectionProvider connectionProvider,
            TransactionManager transactionManager, EventSchema eventSchema) {
        return new ChainedJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .schema(eventSchema)
                .readEventDataWithGaps(new IndexedGapReads()), transactionManager);
    }

    /** Run by Flyway (Spring Boot hands it every {@code JavaMigration} bean), after V5 created the tables. */
    @Bean
    ChainStoredEvents chainStoredEvents() {
        return new ChainStoredEvents();
    }
}
