package dev.authsvc.standalone;

import java.time.Duration;

/**
 * When a service that stopped on its own is started again, and when to stop trying. The wait doubles from
 * {@code first} up to {@code max} with each death in a row (1, 2, 4, 8, 16, 30, 30 ... seconds by default); a run
 * that stayed ready for at least {@code max} proves the service healthy again, so the next death waits
 * {@code first} once more. A service that dies {@code maxFailedStarts} times in a row without once becoming ready
 * will not start: that is given up. Not thread-safe: one per service, used by its supervisor's thread.
 */
final class RestartBackOff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);
    static final int MAX_FAILED_STARTS = 5;

    /** Restart after {@code delay}, or give up (then {@code delay} is null). */
    record Decision(Duration delay, int failedStartsInARow) {

        boolean giveUp() {
            return delay == null;
        }
    }

    private final Duration first;
    private final Duration max;
    private final int maxFailedStarts;
    private int deathsInARow;
    private int failedStartsInARow;

    RestartBackOff() {
        this(FIRST, MAX, MAX_FAILED_STARTS);
    }

    RestartBackOff(Duration first, Duration max, int maxFailedStarts) {
        this.first = first;
        this.max = max;
        this.maxFailedStarts = maxFailedStarts;
    }

    /**
     * A run ended.
     *
     * @param becameReady whether the service reported ready during the run
     * @param readyFor how long it stayed ready (zero when it never was)
     */
    Decision afterExit(boolean becameReady, Duration readyFor) {
        if (becameReady) {
            failedStartsInARow = 0;
            if (readyFor.compareTo(max) >= 0) {
                deathsInARow = 0;
            }
        } else {
            failedStartsInARow++;
            if (failedStartsInARow >= maxFailedStarts) {
                return new Decision(null, failedStartsInARow);
            }
        }
        deathsInARow++;
        return new Decision(delay(deathsInARow), failedStartsInARow);
    }

    private Duration delay(int deaths) {
        Duration delay = first;
        for (int i = 1; i < deaths && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
