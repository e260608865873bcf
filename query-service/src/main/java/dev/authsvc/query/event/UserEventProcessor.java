package dev.authsvc.query.event;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.query.user.UserViewProjection;
import dev.authsvc.query.user.UserViewProjection.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one user event in one database transaction: first to {@code user_view}, whose per-user sequence
 * decides whether the event is new, then to every {@link UserEventHandler}. Counts outcomes in
 * {@code authsvc.user_events{outcome}}.
 */
@Component
public class UserEventProcessor {

    private final UserViewProjection projection;
    private final List<UserEventHandler> handlers;
    private final TransactionTemplate transactions;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final Counter skipped;
    private final Counter unreadable;

    public UserEventProcessor(UserViewProjection projection, List<UserEventHandler> handlers,
            PlatformTransactionManager transactionManager, MeterRegistry meters) {
        this.projection = projection;
        this.handlers = List.copyOf(handlers);
        this.transactions = new TransactionTemplate(transactionManager);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, counter(meters, outcome.name().toLowerCase(Locale.ROOT)));
        }
        this.skipped = counter(meters, "unknown_type");
        this.unreadable = counter(meters, "unreadable");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("authsvc.user_events")
                .description("User events consumed by query-service, by what became of them")
                .tag("outcome", outcome)
                .register(meters);
    }

    public Outcome process(UserEventEnvelope event) {
        Outcome outcome = transactions.execute(status -> {
            Outcome result = projection.apply(event);
            if (result != Outcome.STALE) {
                handlers.forEach(handler -> handler.on(event));
            }
            return result;
        });
        outcomes.get(outcome).increment();
        return outcome;
    }

    void countUnknownType() {
        skipped.increment();
    }

    void countUnreadable() {
        unreadable.increment();
    }
}
