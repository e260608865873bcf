package dev.authsvc.command.user.application;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes an answer take at least a fixed time, so that whether an account exists cannot be read from how long
 * send-otp or reset-password took (the known path writes an event, the unknown one does not).
 */
final class ResponseFloor {

    private final long floorNanos;
    private final long start = System.nanoTime();

    private ResponseFloor(Duration floor) {
        this.floorNanos = floor.toNanos();
    }

    static ResponseFloor start(Duration floor) {
        return new ResponseFloor(floor);
    }

    void await() {
        long deadline = start + floorNanos;
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
