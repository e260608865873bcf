package dev.authsvc.gateway.limits;

import io.github.bucket4j.Bandwidth;
import java.time.Duration;

/**
 * One request budget per client address: {@code capacity} requests, refilled evenly over {@code window}.
 *
 * @param name part of the bucket's key, so the budgets of one address stay apart
 */
public record Budget(String name, long capacity, Duration window) {

    Bandwidth bandwidth() {
        return Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build();
    }
}
