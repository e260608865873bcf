package dev.authsvc.command.user.infrastructure;

import java.util.stream.Stream;
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
 * At the first start after an upgrade, replays the stored events into the admin roster, so the admins made before
 * it existed count (and the last of them cannot be demoted). Once only: the guard row remembers it, and the
 * instance that holds the guard's lock does it while the others wait. Runs before {@code BootstrapAdmin}; replaying
 * an event the projection already applied sets the same values again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AdminRosterBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminRosterBackfill.class);

    private final AdminRoster roster;
    private final AdminRosterProjection projection;
    private final EventStorageEngine events;
    private final TransactionTemplate transaction;

    AdminRosterBackfill(AdminRoster roster, AdminRosterProjection projection, EventStorageEngine events,
            PlatformTransactionManager transactionManager) {
        this.roster = roster;
        this.projection = projection;
        this.events = events;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @Override
    public void run(ApplicationArguments args) {
        backfill();
    }

    /** Replays the stored events into the roster unless that was done already. */
    public void backfill() {
        transaction.executeWithoutResult(status -> {
            if (roster.lock()) {
                return;
            }
            try (Stream<? extends TrackedEventMessage<?>> stored = events.readEvents(null, false)) {
                stored.forEach(event -> projection.apply(event.getPayload()));
            }
            roster.markBackfilled();
            log.info("Admin roster built from the stored events: {} active admin(s)", roster.activeAdmins().size());
        });
    }
}
