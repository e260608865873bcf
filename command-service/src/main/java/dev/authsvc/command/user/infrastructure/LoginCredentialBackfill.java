package dev.authsvc.command.user.infrastructure;

import dev.authsvc.command.user.infrastructure.LoginCredentials.LoginCredential;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At the first start after the upgrade that brought {@code login_credential}, rebuilds each stored user's row from
 * the events, once (the guard row remembers it; the instance holding its lock does it while the others wait). A row
 * the updater wrote meanwhile from a newer event is kept. Until a user's row exists, that user's logins verify the
 * password inside the aggregate, as before.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class LoginCredentialBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LoginCredentialBackfill.class);

    private final LoginCredentials credentials;
    private final EventStorageEngine events;
    private final TransactionTemplate transaction;

    LoginCredentialBackfill(LoginCredentials credentials, EventStorageEngine events,
            PlatformTransactionManager transactionManager) {
        this.credentials = credentials;
        this.events = events;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @Override
    public void run(ApplicationArguments args) {
        backfill();
    }

    /** Rebuilds the rows from the stored events unless that was done already. */
    public void backfill() {
        transaction.executeWithoutResult(status -> {
            if (credentials.lockGuard()) {
                return;
            }
            record Rebuilt(LoginCredential credential, long sequence) {
            }
            Map<String, Rebuilt> rows = new HashMap<>();
            try (Stream<? extends TrackedEventMessage<?>> stored = events.readEvents(null, false)) {
                stored.filter(DomainEventMessage.class::isInstance)
                        .map(DomainEventMessage.class::cast)
                        .forEach(event -> {
                            Rebuilt before = rows.get(event.getAggregateIdentifier());
                            LoginCredential after = LoginCredentialUpdater.apply(
                                    before == null ? null : before.credential(), event.getPayload());
                            if (after != null) {
                                rows.put(event.getAggregateIdentifier(),
                                        new Rebuilt(after, event.getSequenceNumber()));
                            }
                        });
            }
            rows.forEach((userId, row) -> credentials.put(userId, row.credential(), row.sequence()));
            credentials.markBackfilled();
            log.info("Login credentials built from the stored events for {} user(s)", rows.size());
        });
    }
}
