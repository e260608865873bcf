package dev.authsvc.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * Buckets in this gateway's memory: each instance counts on its own. Idle buckets are evicted once they would
 * have refilled anyway, and the size is capped so a flood of addresses cannot exhaust the heap.
 */
public final class InMemoryBucketStore implements BucketStore {

    private final Cache<String, Bucket> buckets;

    public InMemoryBucketStore(Duration window) {
        this.buckets = Caffeine.newBuilder().expireAfterAccess(window.multipliedBy(2)).maximumSize(200_000).build();
    }

    @Override
    public ConsumptionProbe tryConsume(Budget budget, String client) {
        return buckets.get(budget.name() + ":" + client, key -> Bucket.builder().addLimit(budget.bandwidth()).build())
                .tryConsumeAndReturnRemaining(1);
    }
}
