package dev.authsvc.query.user;

import static dev.authsvc.query.support.TestEvents.T0;
import static dev.authsvc.query.support.TestEvents.disabled;
import static dev.authsvc.query.support.TestEvents.enabled;
import static dev.authsvc.query.support.TestEvents.locked;
import static dev.authsvc.query.support.TestEvents.registered;
import static dev.authsvc.query.support.TestEvents.roleChanged;
import static dev.authsvc.query.support.TestEvents.uniqueEmail;
import static dev.authsvc.query.support.TestEvents.uniquePhone;
import static dev.authsvc.query.support.TestEvents.uniqueUserId;
import static dev.authsvc.query.support.TestEvents.unlocked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.query.support.QueryServiceTestSupport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The admin events in user_view: RoleChanged, UserDisabled, UserEnabled, AccountUnlocked. */
class AdminEventsProjectionIT extends QueryServiceTestSupport {

    @Test
    void roleChanged_setsTheRole() {
        String userId = uniqueUserId();
        publish(registered(userId, uniqueEmail(), uniquePhone()), roleChanged(userId, 1, "auditor", "employee"));

        UserView user = awaitSequence(userId, 1);

        assertThat(user.role()).isEqualTo("auditor");
        assertThat(user.updatedAt()).isEqualTo(at(1));
    }

    @Test
    void userDisabled_marksTheUserDisabledWithTheReason_andEndsEverySessionStartedUntilThen() {
        String userId = uniqueUserId();
        publish(registered(userId, uniqueEmail(), uniquePhone()), disabled(userId, 1, "left the company"));

        UserView user = awaitSequence(userId, 1);

        assertThat(user.disabled()).isTrue();
        assertThat(user.disabledReason()).isEqualTo("left the company");
        assertThat(user.sessionsRevokedBefore()).isEqualTo(at(1));
        assertThat(user.status(at(1))).isEqualTo(UserStatus.DISABLED);
    }

    @Test
    void userEnabled_liftsTheDisable_butTheSessionsItEndedStayEnded() {
        String userId = uniqueUserId();
        publish(registered(userId, uniqueEmail(), uniquePhone()), disabled(userId, 1, "on leave"), enabled(userId, 2));

        UserView user = awaitSequence(userId, 2);

        assertThat(user.disabled()).isFalse();
        assertThat(user.disabledReason()).isNull();
        assertThat(user.sessionsRevokedBefore()).isEqualTo(at(1));
        assertThat(user.status(at(2))).isEqualTo(UserStatus.ACTIVE);
    }

    @Test
    void accountUnlocked_liftsTheLock() {
        String userId = uniqueUserId();
        Instant until = T0.plus(1, ChronoUnit.HOURS);
        publish(registered(userId, uniqueEmail(), uniquePhone()), locked(userId, 1, until));
        assertThat(awaitSequence(userId, 1).status(at(1))).isEqualTo(UserStatus.LOCKED);

        publish(unlocked(userId, 2));

        UserView user = awaitSequence(userId, 2);
        assertThat(user.lockedUntil()).isNull();
        assertThat(user.status(at(2))).isEqualTo(UserStatus.ACTIVE);
    }

    @Test
    void aDisabledUserWhoIsAlsoLocked_isDisabled() {
        String userId = uniqueUserId();
        publish(registered(userId, uniqueEmail(), uniquePhone()), locked(userId, 1, T0.plus(1, ChronoUnit.HOURS)),
                disabled(userId, 2, "fraud"));

        assertThat(awaitSequence(userId, 2).status(at(2))).isEqualTo(UserStatus.DISABLED);
    }

    private static Instant at(long sequence) {
        return T0.plus(sequence, ChronoUnit.MINUTES);
    }
}
