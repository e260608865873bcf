package dev.authsvc.command.user.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The aggregate remembers a session for 30 days after its login (the refresh token's lifetime), which keeps its
 * state bounded; an older session counts as ended.
 */
public final class SessionPolicy {

    public static final Duration MAX_SESSION_AGE = Duration.ofDays(30);

    public boolean isActive(Instant authTime, Instant now) {
        return Duration.between(authTime, now).compareTo(MAX_SESSION_AGE) < 0;
    }
}
