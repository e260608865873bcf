package dev.authsvc.command.user.application;

import java.util.function.Supplier;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a unit of command-side work (lookup-table writes and the command whose events they belong to) in one
 * database transaction, and runs it again when another writer appended to the same user first: two
 * instances changing one user both succeed, one after the other, and no event is lost. Within one instance the
 * users' locks are held until the transaction ends; two transactions that each hold one user's lock and wait for
 * the other's (two admins acting on each other at once) are told by Axon's lock factory, and one of them is rolled
 * back and run again.
 */
@Component
class UserCommandRunner {

    static final int MAX_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(UserCommandRunner.class);

    private final TransactionTemplate transaction;

    UserCommandRunner(PlatformTransactionManager transactionManager) {
        this.transaction = new TransactionTemplate(transactionManager);
    }

    <T> T inTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> work.get());
            } catch (ConcurrencyException | DeadlockException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                log.debug("Concurrent change of one user, attempt {} of {}", attempt, MAX_ATTEMPTS);
            }
        }
    }

    void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
