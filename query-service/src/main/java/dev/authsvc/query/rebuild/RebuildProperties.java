package dev.authsvc.query.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code auth.read-models.rebuild.*}: how {@code POST /admin/read-models/rebuild} reads and applies the history.
 *
 * @param batchSize records applied per database transaction
 * @param brokerTimeout how long the broker may take to answer (offsets, a fetch that should bring records) before
 *     the job fails
 * @param staleAfter a running job whose heartbeat is older than this is taken as abandoned (its instance stopped)
 * @param maxReportedDifferences how many differing rows a job lists (it counts them all)
 * @param logEvery an INFO line each time this many more events were applied
 */
@ConfigurationProperties("auth.read-models.rebuild")
public record RebuildProperties(
        @DefaultValue("1000") int batchSize,
        @DefaultValue("10s") Duration brokerTimeout,
        @DefaultValue("2m") Duration staleAfter,
        @DefaultValue("100") int maxReportedDifferences,
        @DefaultValue("10000") long logEvery) {

    public RebuildProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("auth.read-models.rebuild.batch-size must be at least 1, not " + batchSize);
        }
        if (brokerTimeout.isNegative() || brokerTimeout.isZero()) {
            throw new IllegalArgumentException("auth.read-models.rebuild.broker-timeout must be positive");
        }
        if (staleAfter.compareTo(brokerTimeout) <= 0) {
            throw new IllegalArgumentException(
                    "auth.read-models.rebuild.stale-after must be longer than auth.read-models.rebuild.broker-timeout");
        }
        if (maxReportedDifferences < 0 || logEvery < 1) {
            throw new IllegalArgumentException(
                    "auth.read-models.rebuild.max-reported-differences must be >= 0 and log-every >= 1");
        }
    }
}
