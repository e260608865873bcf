package dev.authsvc.command.user.domain;

import static dev.authsvc.command.user.domain.UserFixtures.T0;
import static dev.authsvc.command.user.domain.UserFixtures.USER_ID;
import static dev.authsvc.command.user.domain.UserFixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.user.api.LoginMethod;
import dev.authsvc.command.user.api.UserLoggedIn;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.junit.jupiter.api.Test;

/** A user kept in command-service's memory counts against the cache's bound by what it holds. */
class UserRepositoryConfigurationTest {

    @Test
    void aUserCountsOnce_andOnceMoreForEveryTenLiveSessions() {
        assertThat(weightAfterLogins(0)).isEqualTo(1);
        assertThat(weightAfterLogins(9)).isEqualTo(1);
        assertThat(weightAfterLogins(10)).isEqualTo(2);
        assertThat(weightAfterLogins(1_000)).isEqualTo(101);
    }

    private static int weightAfterLogins(int logins) {
        List<Object> events = new ArrayList<>(List.of(registered()));
        for (int i = 0; i < logins; i++) {
            events.add(new UserLoggedIn(USER_ID, "session-" + i, LoginMethod.PASSWORD, T0.plusSeconds(i)));
        }
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            messages.add(new GenericDomainEventMessage<>("User", USER_ID, sequence, events.get(sequence)));
        }
        return UserReplay.replay(DomainEventStream.of(messages.stream()),
                user -> UserRepositoryConfiguration.weight((User) user)).orElseThrow().state();
    }
}
