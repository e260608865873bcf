package dev.authsvc.command.config;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's embedded event store, waking its readers (the publisher) only once the database transaction that holds
 * new events has committed. Commands run inside a Spring transaction that also writes the lookup table, and
 * Axon's unit of work joins it, so Axon's own "after commit" comes before the real commit: a reader woken then
 * finds nothing yet and sleeps for the fetch delay (a second), which is what the publisher's latency was.
 */
class TransactionAwareEventStore extends EmbeddedEventStore {

    TransactionAwareEventStore(Builder builder) {
        super(builder);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            super.afterCommit(events);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                TransactionAwareEventStore.super.afterCommit(events);
            }
        });
    }
}
