package dev.authsvc.command.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An event-sourcing repository that keeps the aggregates it recently loaded or saved in memory, and serves one from
 * memory only while the event store's last sequence number for it is the one the kept copy has reached. Loading a
 * user from the store (its snapshot, up to {@code auth.snapshot-threshold} events, their deserialization and replay)
 * was a fifth of the samples of {@code PUT /update-account} at 200 commands/s (JFR); the check that replaces it is
 * one indexed query, a tenth.
 * <ul>
 *   <li>Another instance's append (several command-services on one database) moves the stored sequence number past
 *   the kept copy's: the user is loaded from the store. A command, including one that appends nothing (such as the
 *   check of an admin's session), never decides on state older than what the store held when its lock was taken,
 *   as without the cache.</li>
 *   <li>A copy is forgotten when the unit of work that used it rolls back, and when the database transaction around
 *   it does not commit (a failure after the unit of work committed: the copy then holds events the store never got),
 *   before the user's lock is released ({@link TransactionScopedLockFactory} releases it after the copy is
 *   forgotten).</li>
 *   <li>Bounded by {@code size}, the sum of the kept aggregates' {@code weight} (so an aggregate that holds more
 *   counts more), each let go after {@code idle} without use ({@code size} 0 turns the cache off). Its hits and
 *   misses are the meters {@code cache.gets{cache=name}}.</li>
 * </ul>
 */
public final class CheckedCachingRepository<T> extends EventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache<String, EventSourcedAggregate<T>> aggregates;

    public CheckedCachingRepository(Builder<T> builder, EventStore eventStore, long size, ToIntFunction<T> weight,
            Duration idle, MeterRegistry meters, String name) {
        super(builder.eventStore(eventStore));
        if (size < 0) {
            throw new IllegalArgumentException(
                    "auth.user-cache.size (AUTH_USER_CACHE_SIZE) must be 0 (off) or more, not " + size);
        }
        this.eventStore = eventStore;
        this.aggregates = size == 0 ? null
                : Caffeine.newBuilder().maximumWeight(size)
                        .<String, EventSourcedAggregate<T>>weigher((identifier, aggregate) ->
                                weight.applyAsInt(aggregate.getAggregateRoot()))
                        .expireAfterAccess(idle).recordStats().build();
        if (aggregates != null) {
            CaffeineCacheMetrics.monitor(meters, aggregates, name);
        }
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        if (aggregates == null) {
            return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        forgetUnlessCommitted(aggregateIdentifier);
        EventSourcedAggregate<T> kept = aggregates.getIfPresent(aggregateIdentifier);
        if (kept != null && !kept.isDeleted() && Objects.equals(kept.version(),
                eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null))) {
            return kept;
        }
        aggregates.invalidate(aggregateIdentifier);
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }

    @Override
    protected void doSaveWithLock(EventSourcedAggregate<T> aggregate) {
        super.doSaveWithLock(aggregate);
        if (aggregates != null) {
            String identifier = aggregate.identifierAsString();
            forgetUnlessCommitted(identifier);
            aggregates.put(identifier, aggregate);
        }
    }

    /** Forgets the kept copy of the aggregate if the current unit of work, or the transaction around it, fails. */
    private void forgetUnlessCommitted(String identifier) {
        CurrentUnitOfWork.get().onRollback(unitOfWork -> aggregates.invalidate(identifier));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        aggregates.invalidate(identifier);
                    }
                }
            });
        }
    }
}
