package dev.authsvc.command.user.api;

import java.time.Instant;

/** An admin lifted the lockout: logins are accepted again and failures are counted from zero. */
public record AccountUnlocked(String userId, Instant unlockedAt) {
}
