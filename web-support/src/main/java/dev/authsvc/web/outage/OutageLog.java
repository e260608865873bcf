package dev.authsvc.web.outage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one part's outages (the database, the broker), so that an outage reads as three kinds of line
 * whatever the load: the first failure, then at most one line per interval while it lasts (with the count of
 * failures seen since the last line), then the recovery with the outage's length. Everything that meets the
 * same part's failure in a service reports it here, so a flood of failing requests stays one line a minute.
 */
public final class OutageLog {

    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(OutageLog.class);
    private static final Map<String, OutageLog> PARTS = new ConcurrentHashMap<>();

    private final String part;
    private final Duration interval;
    private final InstantSource clock;
    private Instant downSince;
    private Instant lastLine;
    private long failuresSinceLine;

    OutageLog(String part, Duration interval, InstantSource clock) {
        this.part = part;
        this.interval = interval;
        this.clock = clock;
    }

    /** This service's log of the part's outages, one per part name. */
    public static OutageLog of(String part) {
        return PARTS.computeIfAbsent(part, name -> new OutageLog(name, DEFAULT_INTERVAL, Clock.systemUTC()));
    }

    /** A use of the part failed; {@code reason} names the cause's type and message, never data. */
    public synchronized void failed(String reason) {
        Instant now = clock.instant();
        failuresSinceLine++;
        if (downSince == null) {
            downSince = now;
            lastLine = now;
            failuresSinceLine = 0;
            LOG.warn("{} unreachable: {} (logged again at most once a minute until it is back)", part, reason);
        } else if (!now.isBefore(lastLine.plus(interval))) {
            LOG.warn("{} still unreachable after {} s, {} failures in the last {} s: {}", part,
                    Duration.between(downSince, now).toSeconds(), failuresSinceLine,
                    Duration.between(lastLine, now).toSeconds(), reason);
            lastLine = now;
            failuresSinceLine = 0;
        }
    }

    /** A use of the part succeeded: ends an outage, if one was going on. */
    public synchronized void succeeded() {
        if (downSince != null) {
            LOG.info("{} reachable again after {} s", part, Duration.between(downSince, clock.instant()).toSeconds());
            downSince = null;
            failuresSinceLine = 0;
        }
    }

    public synchronized boolean down() {
        return downSince != null;
    }
}
