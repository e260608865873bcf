package dev.authsvc.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Readers of the event store (the publisher) are woken when the database transaction commits, not at Axon's own
 * commit inside it: woken then, they would find nothing and sleep until the next poll.
 */
class TransactionAwareEventStoreTest {

    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
    /** An idle reader polls only once a minute here, so only a wake-up brings an event within the test. */
    private final TransactionAwareEventStore store = new TransactionAwareEventStore(
            EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(60_000));

    @AfterEach
    void tearDown() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
        store.shutDown();
    }

    @Test
    void readersAreWokenByTheDatabaseCommit_notByAxonsCommitInsideTheTransaction() throws Exception {
        TrackingEventStream stream = store.openStream(null);
        assertThat(stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)).as("nothing stored yet").isFalse();

        TransactionSynchronizationManager.initSynchronization();
        DomainEventMessage<String> event = new GenericDomainEventMessage<>("User", "user-1", 0, "registered");
        engine.appendEvents(event);
        store.afterCommit(List.of(event));

        assertThat(stream.hasNextAvailable(500, TimeUnit.MILLISECONDS))
                .as("Axon's commit inside the open transaction wakes nobody").isFalse();

        List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        synchronizations.forEach(TransactionSynchronization::afterCommit);

        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).as("the database commit wakes the reader").isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("registered");
    }

    @Test
    void withoutATransaction_readersAreWokenAtOnce() throws Exception {
        TrackingEventStream stream = store.openStream(null);
        assertThat(stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)).isFalse();

        DomainEventMessage<String> event = new GenericDomainEventMessage<>("User", "user-1", 0, "registered");
        engine.appendEvents(event);
        store.afterCommit(List.of(event));

        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
    }
}
