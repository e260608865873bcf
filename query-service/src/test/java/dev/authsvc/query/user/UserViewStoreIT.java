package dev.authsvc.query.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.testsupport.TestDatabase;
import dev.authsvc.query.support.TestEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/**
 * {@code user_view} on the test database: PostgreSQL when {@value TestDatabase#POSTGRES_URL_VARIABLE} is set,
 * H2 otherwise. Times keep their instant and microseconds, and the sequence check is one statement.
 */
class UserViewStoreIT extends QueryServiceTestSupport {

    private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00.123456Z");

    @Test
    void aRowReadsBackAsWritten() {
        UserView user = new UserView(TestEvents.uniqueUserId(), "ada@example.com", "+15550001111", "Ada", "Lovelace",
                "manager", true, false, Instant.parse("2026-11-01T11:00:00Z"), null, CREATED, CREATED.plusSeconds(60), 4);

        users.insert(user);

        assertThat(users.find(user.userId())).contains(user);
        assertThat(users.lastSequence(user.userId())).contains(4L);
        assertThatThrownBy(() -> users.insert(user)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void anUpdateHappensOnlyForANewerSequence() {
        String userId = TestEvents.uniqueUserId();
        users.insert(new UserView(userId, "ada@example.com", null, "Ada", "Lovelace", "employee", false, false, null,
                null, CREATED, CREATED, 3));

        assertThat(users.updateIfNewer(userId, 3, CREATED.plusSeconds(1), firstName("Same"))).isFalse();
        assertThat(users.updateIfNewer(userId, 2, CREATED.plusSeconds(1), firstName("Older"))).isFalse();
        assertThat(users.updateIfNewer(userId, 5, CREATED.plusSeconds(5), firstName(null))).isTrue();
        assertThat(users.updateIfNewer(userId, 6, CREATED.plusSeconds(6), firstName("Grace"))).isTrue();
        assertThat(users.advanceIfNewer(userId, 6)).isFalse();
        assertThat(users.advanceIfNewer(userId, 9)).isTrue();
        assertThat(users.updateIfNewer("no-such-user", 1, CREATED, firstName("X"))).isFalse();

        UserView user = users.find(userId).orElseThrow();
        assertThat(user.firstName()).isEqualTo("Grace");
        assertThat(user.updatedAt()).isEqualTo(CREATED.plusSeconds(6));
        assertThat(user.lastSequence()).isEqualTo(9);
    }

    @Test
    void aChangeSetsKeepsOrClearsEachColumn_andTheRowsTimesKeepTheirInstant() {
        String userId = TestEvents.uniqueUserId();
        Instant lockedUntil = Instant.parse("2026-11-01T12:00:00.654321Z");
        users.insert(new UserView(userId, "ada@example.com", "+15550001111", "Ada", "Lovelace", "employee", false,
                true, lockedUntil, null, CREATED, CREATED, 1));

        assertThat(users.updateIfNewer(userId, 2, CREATED.plusSeconds(2), UserViewChange.none()
                .emailIfPresent(null)
                .emailVerified(true)
                .noPhoneNumber()
                .phoneVerified(false)
                .sessionsRevokedBefore(CREATED.plusSeconds(2))
                .lockedUntil(null))).isTrue();
        assertThat(users.updateIfNewer(userId, 3, CREATED.plusSeconds(3), UserViewChange.none())).isTrue();

        assertThat(users.find(userId)).contains(new UserView(userId, "ada@example.com", null, "Ada", "Lovelace",
                "employee", true, false, null, CREATED.plusSeconds(2), CREATED, CREATED.plusSeconds(2), 3));
    }

    private static UserViewChange firstName(String firstName) {
        return UserViewChange.none().firstNameIfPresent(firstName);
    }
}
