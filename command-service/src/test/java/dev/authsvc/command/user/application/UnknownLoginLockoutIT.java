package dev.authsvc.command.user.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.AxonClock;
import dev.authsvc.command.user.api.LoginResult;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The failures of unknown identifiers, in the database: counted like an account's, and kept bounded. */
class UnknownLoginLockoutIT extends ApiTestSupport {

    @Autowired
    UnknownLoginLockout lockout;

    @Autowired
    JdbcClient jdbc;

    private static String someHash() {
        return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }

    private boolean stored(String hash) {
        return jdbc.sql("SELECT COUNT(*) FROM unknown_login_failure WHERE identifier_hash = ?").param(hash)
                .query(Integer.class).single() == 1;
    }

    @Test
    void theTenthFailure_locksForFifteenMinutes_andTheLockEndsThen() {
        String hash = someHash();
        for (int i = 1; i < 10; i++) {
            assertThat(lockout.recordFailure(hash).failure()).isEqualTo(LoginResult.Failure.BAD_CREDENTIALS);
        }
        LoginResult tenth = lockout.recordFailure(hash);

        assertThat(tenth.failure()).isEqualTo(LoginResult.Failure.LOCKED);
        assertThat(tenth.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(lockout.locked(hash)).isPresent();
        try (AxonClock later = AxonClock.movedAhead(Duration.ofMinutes(15))) {
            assertThat(lockout.locked(hash)).isEmpty();
        }
    }

    @Test
    void rowsIdleBeyondTheRetention_areForgotten() {
        String old = someHash();
        lockout.recordFailure(old);
        try (AxonClock later = AxonClock.movedAhead(Duration.ofDays(2))) {
            String recent = someHash();
            lockout.recordFailure(recent);

            lockout.trim(GenericEventMessage.clock.instant(), 1_000_000, Duration.ofDays(1));

            assertThat(stored(old)).isFalse();
            assertThat(stored(recent)).isTrue();
        }
    }

    @Test
    void beyondTheCapacity_theLeastRecentlyFailedAreForgotten() {
        String first = someHash();
        lockout.recordFailure(first);
        String second;
        String third;
        // Years ahead, so these two are the newest rows whatever other tests of this context left behind.
        try (AxonClock later = AxonClock.movedAhead(Duration.ofDays(3650))) {
            second = someHash();
            lockout.recordFailure(second);
            try (AxonClock evenLater = AxonClock.movedAhead(Duration.ofSeconds(1))) {
                third = someHash();
                lockout.recordFailure(third);

                lockout.trim(GenericEventMessage.clock.instant(), 2, Duration.ofDays(365));
            }
        }

        assertThat(stored(first)).isFalse();
        assertThat(stored(second)).isTrue();
        assertThat(stored(third)).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM unknown_login_failure").query(Integer.class).single())
                .isEqualTo(2);
    }
}
