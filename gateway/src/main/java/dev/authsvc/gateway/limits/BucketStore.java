package dev.authsvc.gateway.limits;

import io.github.bucket4j.ConsumptionProbe;

/** Where the buckets live: in this gateway's memory, or in Redis, shared by every gateway. */
public interface BucketStore {

    /**
     * Takes one request from the client's bucket for this budget, creating a full bucket if there is none.
     *
     * @throws RuntimeException when the store cannot be reached; the filter then lets the request through
     */
    ConsumptionProbe tryConsume(Budget budget, String client);
}
