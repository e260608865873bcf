package dev.authsvc.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.AdminTestSupport;
import dev.authsvc.command.user.api.ProfileUpdated;
import dev.authsvc.command.user.api.RevokeSessionsCommand;
import dev.authsvc.command.user.api.SessionsRevoked;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Users are served from command-service's memory between commands, and never when the event store holds a newer
 * event of theirs: another command-service on the same database appends to the same stream, and what it ended
 * (a session) is ended here at once.
 */
class CheckedCachingRepositoryIT extends AdminTestSupport {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    CommandGateway commands;

    @Autowired
    MeterRegistry meters;

    @Test
    void theNextCommandOfAUser_findsItInMemory() {
        SignedIn user = newUserWithAnUpdate();
        double hits = cacheGets("hit");

        assertThat(put("/update-account", "{\"first_name\": \"Two\"}", user.token()).status()).isEqualTo(200);

        assertThat(cacheGets("hit")).isEqualTo(hits + 1);
        assertThat(events(user.userId(), ProfileUpdated.class)).extracting(ProfileUpdated::firstName)
                .containsExactly("One", "Two");
    }

    @Test
    void aSessionEndedByAnotherInstance_isRefusedHereAtOnce() {
        SignedIn user = newUserWithAnUpdate();

        appendAsAnotherInstance(user.userId(),
                new SessionsRevoked(user.userId(), List.of(user.sessionId()), "admin", Instant.now()));

        assertThat(put("/update-account", "{\"first_name\": \"Two\"}", user.token()).status()).isEqualTo(401);
        assertThat(events(user.userId(), ProfileUpdated.class)).hasSize(1);
    }

    /** The check of an admin's session appends nothing to the admin's stream: only the freshness check can see it. */
    @Test
    void anAdminWhoseSessionAnotherInstanceEnded_canNoLongerActHere() {
        SignedIn admin = newAdmin();
        SignedIn user = newUser("employee");
        String unlock = "/admin/users/" + user.userId() + "/unlock";
        assertThat(post(unlock, "{}", admin.token()).status()).isEqualTo(200);

        appendAsAnotherInstance(admin.userId(),
                new SessionsRevoked(admin.userId(), List.of(admin.sessionId()), "admin", Instant.now()));

        assertThat(post(unlock, "{}", admin.token()).status()).isEqualTo(401);
    }

    @Test
    void aCommandWhoseTransactionRolledBack_leavesNothingInMemory_evenWhenAnotherInstanceTakesItsSequenceNumber() {
        SignedIn user = newUserWithAnUpdate();
        // The command's unit of work commits, then the transaction around it rolls back: its events never land.
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            commands.sendAndWait(new RevokeSessionsCommand(user.userId(), null));
            status.setRollbackOnly();
        });
        assertThat(events(user.userId(), SessionsRevoked.class)).isEmpty();
        // Another instance appends at the sequence number the rolled-back event had in memory.
        appendAsAnotherInstance(user.userId(),
                new ProfileUpdated(user.userId(), "Elsewhere", "User", Instant.now()));

        assertThat(put("/update-account", "{\"first_name\": \"Here\"}", user.token()).status()).isEqualTo(200);
        assertThat(events(user.userId(), ProfileUpdated.class)).extracting(ProfileUpdated::firstName)
                .containsExactly("One", "Elsewhere", "Here");
    }

    /** A registered user, logged in with a code, whose first name was changed once (so it is kept in memory). */
    private SignedIn newUserWithAnUpdate() {
        SignedIn user = newUser("employee");
        assertThat(put("/update-account", "{\"first_name\": \"One\"}", user.token()).status()).isEqualTo(200);
        return user;
    }

    /** What another command-service on the same database does to the user's stream: appends its next event. */
    private void appendAsAnotherInstance(String userId, Object payload) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            long next = eventStore.lastSequenceNumberFor(userId).orElseThrow() + 1;
            DefaultUnitOfWork.startAndGet(null)
                    .execute(() -> eventStore.publish(new GenericDomainEventMessage<>("User", userId, next, payload)));
        });
    }

    private double cacheGets(String result) {
        return meters.get("cache.gets").tag("cache", "users").tag("result", result).functionCounter().count();
    }
}
