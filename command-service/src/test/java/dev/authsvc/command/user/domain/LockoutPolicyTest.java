package dev.authsvc.command.user.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.user.domain.LockoutPolicy.Lock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LockoutPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final LockoutPolicy policy = new LockoutPolicy();

    @Test
    void everyTenthFailure_locks_forFifteenMinutesDoubledEachTime() {
        List<Duration> locks = new ArrayList<>();
        for (int failures = 1; failures < 100; failures++) {
            policy.lockAfter(failures, NOW).ifPresent(lock -> locks.add(Duration.between(NOW, lock.until())));
        }

        assertThat(locks).containsExactly(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
                Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(16),
                Duration.ofHours(32), Duration.ofHours(64));
    }

    @Test
    void theHundredthFailure_locksUntilReset_andSoDoesAnyLaterOne() {
        assertThat(policy.lockAfter(100, NOW)).contains(new Lock(null));
        assertThat(policy.lockAfter(101, NOW)).map(Lock::untilReset).contains(true);
        assertThat(policy.remainingLock(null, true, NOW.plus(Duration.ofDays(400))))
                .contains(LockoutPolicy.UNTIL_RESET_RETRY_AFTER);
    }

    @Test
    void failuresBetweenTheTenths_lockNothing() {
        assertThat(policy.lockAfter(9, NOW)).isEmpty();
        assertThat(policy.lockAfter(11, NOW)).isEmpty();
        assertThat(policy.lockAfter(99, NOW)).isEmpty();
        assertThat(policy.lockAfter(0, NOW)).isEqualTo(Optional.empty());
    }

    @Test
    void aTimedLock_endsAtItsTime() {
        Instant until = NOW.plusSeconds(60);
        assertThat(policy.remainingLock(until, false, NOW)).contains(Duration.ofSeconds(60));
        assertThat(policy.remainingLock(until, false, until)).isEmpty();
    }
}
