package dev.authsvc.command.config;

import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The user aggregate's lock, held until the database transaction around the command has ended. Commands run inside
 * a Spring transaction (lookup-table writes and the command together) that Axon's unit of work joins, so Axon
 * releases the aggregate's lock at the end of its unit of work, before the real commit: the next command for the
 * same user then loaded the user without the last, uncommitted event, appended at the same sequence number, waited
 * on the database's key lock and was rolled back and run again. Each such rollback also left a hole in the global
 * index, which every reader of the store then carries as a gap (under a steady 200 commands/s: hundreds, which
 * filled the memory of the event store's cache and kept the publisher off it). Held to the end, the next command of
 * the user waits here instead, in memory, and reads the committed event.
 * <p>
 * Released on the thread that took it, when the transaction completes, committed or rolled back; without a
 * transaction, when Axon releases it. Locks of different instances are not shared: between instances the database's
 * unique key still decides, and the command is run again.
 */
class TransactionScopedLockFactory implements LockFactory {

    private final LockFactory delegate;

    TransactionScopedLockFactory(LockFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Lock obtainLock(String identifier) {
        Lock lock = delegate.obtainLock(identifier);
        return new Lock() {
            @Override
            public void release() {
                if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                    lock.release();
                    return;
                }
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        lock.release();
                    }
                });
            }

            @Override
            public boolean isHeld() {
                return lock.isHeld();
            }
        };
    }
}
