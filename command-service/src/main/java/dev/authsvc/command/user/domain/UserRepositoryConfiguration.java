package dev.authsvc.command.user.domain;

import dev.authsvc.command.config.CheckedCachingRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link User} aggregate's repository ({@code @Aggregate(repository = ...)}): Axon's event-sourcing repository
 * with the users it recently used kept in memory, each served from there only while the store holds no newer event
 * of it ({@link CheckedCachingRepository}). Built as Axon's configuration builds one, with Spring's parameter
 * resolvers (the command handlers take policies and the password encoder as beans), the user's lock and the
 * snapshot trigger.
 */
@Configuration(proxyBeanMethods = false)
class UserRepositoryConfiguration {

    /** A kept user counts once, and once more for every this many live sessions it holds. */
    static final int SESSIONS_PER_WEIGHT = 10;

    @Bean
    CheckedCachingRepository<User> userRepository(EventStore eventStore, LockFactory userLockFactory,
            SnapshotTriggerDefinition userSnapshotTrigger, ParameterResolverFactory parameterResolverFactory,
            HandlerDefinition handlerDefinition, MeterRegistry meters,
            @Value("${auth.user-cache.size:10000}") long size, @Value("${auth.user-cache.idle:10m}") Duration idle) {
        return new CheckedCachingRepository<>(EventSourcingRepository.builder(User.class)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .lockFactory(userLockFactory)
                .snapshotTriggerDefinition(userSnapshotTrigger), eventStore, size,
                UserRepositoryConfiguration::weight, idle, meters, "users");
    }

    /**
     * What a kept user counts against {@code auth.user-cache.size}: its live sessions are most of what grows in it
     * (each login adds one until it ends or is 30 days old).
     */
    static int weight(User user) {
        return 1 + user.liveSessions() / SESSIONS_PER_WEIGHT;
    }
}
