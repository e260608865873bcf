package dev.authsvc.command.user.domain;

import java.util.Optional;
import java.util.function.Function;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.FixedValueParameterResolver;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * A user's state rebuilt from a stream of their events by the aggregate's own event sourcing handlers, as Axon's
 * repository rebuilds it before a command (without snapshots, without an event bus: nothing is published). The
 * audit API uses it for a user's state at an instant, the stream cut at that instant.
 */
public final class UserReplay {

    /**
     * The command handlers' collaborators (policies, the password encoder) are Spring beans that only the running
     * application's resolvers know; a replay invokes event sourcing handlers alone, so any parameter the classpath
     * resolvers do not know is left null rather than failing the model's inspection.
     */
    private static final ParameterResolverFactory UNUSED_COLLABORATORS =
            (executable, parameters, index) -> new FixedValueParameterResolver<>(null);

    private static final AggregateModel<User> MODEL = AnnotatedAggregateMetaModelFactory.inspectAggregate(User.class,
            new MultiParameterResolverFactory(ClasspathParameterResolverFactory.forClass(User.class),
                    UNUSED_COLLABORATORS));

    private UserReplay() {
    }

    /**
     * The state after replaying {@code events}, as {@code view} reads the aggregate (it sees its fields, as a
     * snapshot does), with the sequence number of the last event; empty when the stream holds no event.
     */
    public static <T> Optional<Replayed<T>> replay(DomainEventStream events, Function<Object, T> view) {
        EventSourcedAggregate<User> aggregate = EventSourcedAggregate.initialize(new User(), MODEL, null,
                NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(events);
        Long version = aggregate.version();
        if (version == null) {
            return Optional.empty();
        }
        return Optional.of(new Replayed<>(version, aggregate.invoke(user -> view.apply(user))));
    }

    public record Replayed<T>(long lastSequence, T state) {
    }
}
