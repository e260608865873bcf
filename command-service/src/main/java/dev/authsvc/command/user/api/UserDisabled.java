package dev.authsvc.command.user.api;

import java.time.Instant;

/**
 * An admin disabled the user: no login by any method and no command with a token of theirs until a
 * {@link UserEnabled}. A {@link SessionsRevoked} (reason {@code admin}) of every live session follows.
 */
public record UserDisabled(String userId, String reason, Instant disabledAt) {
}
