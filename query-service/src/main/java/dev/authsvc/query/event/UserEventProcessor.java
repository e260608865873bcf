package dev.authsvc.query.event;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.query.user.UserViewProjection;
import dev.authsvc.query.user.UserViewProjection.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies user events, a batch in one database transaction: each first to {@code user_view}, whose per-user
 * sequence decides whether the event is new, then to every {@link UserEventHandler}. Counts outcomes in
 * {@code authsvc.user_events{outcome}}, and times how old each applied event is once its change is readable:
 * {@code authsvc.user_view.lag} is now, after the commit, minus the event's {@code occurred_at} (set by
 * command-service when the event was applied there), tagged {@code phase=live}, or {@code phase=backlog} for an
 * event that occurred before this service started (the catch-up after a restart, or a new consumer group reading
 * the topic from its beginning), so that a restart does not pass for live lag. A redelivered or older event
 * changes nothing and is not timed; a rebuild applies events elsewhere and is not timed either.
 */
@Component
public class UserEventProcessor {

    private final UserViewProjection projection;
    private final List<UserEventHandler> handlers;
    private final TransactionTemplate transactions;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final Counter skipped;
    private final Counter unreadable;
    private final Timer liveLag;
    private final Timer backlogLag;
    private final Clock clock;
    private final Instant startedAt;

    public UserEventProcessor(UserViewProjection projection, List<UserEventHandler> handlers,
            PlatformTransactionManager transactionManager, MeterRegistry meters, Clock clock) {
        this.projection = projection;
        this.handlers = List.copyOf(handlers);
        this.transactions = new TransactionTemplate(transactionManager);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, counter(meters, outcome.name().toLowerCase(Locale.ROOT)));
        }
        this.skipped = counter(meters, "unknown_type");
        this.unreadable = counter(meters, "unreadable");
        this.liveLag = lag(meters, "live");
        this.backlogLag = lag(meters, "backlog");
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    private static Timer lag(MeterRegistry meters, String phase) {
        return Timer.builder("authsvc.user_view.lag")
                .description("From an event's occurred_at to its change committed in user_view")
                .tag("phase", phase)
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(meters);
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("authsvc.user_events")
                .description("User events consumed by query-service, by what became of them")
                .tag("outcome", outcome)
                .register(meters);
    }

    /**
     * Applies {@code events} in their order, all in one transaction: either every one of them is applied (or found
     * stale) or, if anything fails, none is.
     */
    public void process(List<UserEventEnvelope> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Outcome> results = transactions.execute(status -> events.stream().map(this::apply).toList());
        Instant committed = clock.instant();
        for (int i = 0; i < events.size(); i++) {
            Outcome outcome = results.get(i);
            outcomes.get(outcome).increment();
            if (outcome == Outcome.APPLIED) {
                UserEventEnvelope event = events.get(i);
                Duration lag = Duration.between(event.occurredAt(), committed);
                (event.occurredAt().isBefore(startedAt) ? backlogLag : liveLag)
                        .record(lag.isNegative() ? Duration.ZERO : lag);
            }
        }
    }

    private Outcome apply(UserEventEnvelope event) {
        Outcome result = projection.apply(event);
        if (result != Outcome.STALE) {
            handlers.forEach(handler -> handler.on(event));
        }
        return result;
    }

    void countSkipped(int unreadableRecords, int unknownTypes) {
        unreadable.increment(unreadableRecords);
        skipped.increment(unknownTypes);
    }
}
