package dev.authsvc.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartBackOffTest {

    @Test
    void deathsInARow_waitOneSecondDoublingUpToThirtySeconds() {
        RestartBackOff backOff = new RestartBackOff();
        List<Duration> delays = new ArrayList<>();
        for (int death = 0; death < 8; death++) {
            // Each run was ready, briefly: it never stops being restarted, only waits longer.
            delays.add(backOff.afterExit(true, Duration.ofSeconds(2)).delay());
        }

        assertThat(delays).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void aRunThatStayedReadyForThirtySeconds_startsTheScheduleAgain() {
        RestartBackOff backOff = new RestartBackOff();
        backOff.afterExit(true, Duration.ofSeconds(1));
        backOff.afterExit(true, Duration.ofSeconds(1));
        assertThat(backOff.afterExit(true, Duration.ofSeconds(1)).delay()).isEqualTo(Duration.ofSeconds(4));

        assertThat(backOff.afterExit(true, Duration.ofSeconds(30)).delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backOff.afterExit(true, Duration.ofSeconds(29)).delay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void fiveFailedStartsInARow_giveUp() {
        RestartBackOff backOff = new RestartBackOff();
        List<Duration> delays = new ArrayList<>();
        for (int start = 0; start < 4; start++) {
            RestartBackOff.Decision decision = backOff.afterExit(false, Duration.ZERO);
            assertThat(decision.giveUp()).isFalse();
            delays.add(decision.delay());
        }

        RestartBackOff.Decision fifth = backOff.afterExit(false, Duration.ZERO);

        assertThat(delays).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L);
        assertThat(fifth.giveUp()).isTrue();
        assertThat(fifth.failedStartsInARow()).isEqualTo(5);
    }

    @Test
    void aStartThatBecameReady_endsTheRunOfFailedStarts() {
        RestartBackOff backOff = new RestartBackOff();
        for (int start = 0; start < 4; start++) {
            backOff.afterExit(false, Duration.ZERO);
        }
        backOff.afterExit(true, Duration.ofSeconds(5));

        for (int start = 0; start < 4; start++) {
            assertThat(backOff.afterExit(false, Duration.ZERO).giveUp()).as("failed start %d after a ready run", start + 1)
                    .isFalse();
        }
        assertThat(backOff.afterExit(false, Duration.ZERO).giveUp()).isTrue();
    }
}
