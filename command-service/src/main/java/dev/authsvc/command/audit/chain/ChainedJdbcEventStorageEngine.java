package dev.authsvc.command.audit.chain;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC engine, chaining each appended event ({@link EventChainStore#chainStored}) in the same transaction
 * as its insert: a failed insert (another writer took the sequence number, a unique-key violation) throws before
 * any link is written, and a failure after it rolls the events back with the links.
 */
public class ChainedJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager transactionManager;

    public ChainedJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder, TransactionManager transactionManager) {
        super(builder.transactionManager(transactionManager));
        this.transactionManager = transactionManager;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactionManager.executeInTransaction(() -> {
            super.appendEvents(events, serializer);
            try (Connection connection = getConnection()) {
                EventChainStore.chainStored(connection, events.stream().map(EventMessage::getIdentifier).toList());
            } catch (SQLException e) {
                throw new EventStoreException("Failed to chain the appended events", e);
            }
        });
    }
}
