package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the acting user's own aggregate whether the access token that sends an admin command still stands for an
 * admin: refused {@code UNAUTHORIZED} when the token's session has ended, {@code FORBIDDEN} when the user is
 * disabled or no longer an admin (a token keeps its role claim until it expires). Records nothing.
 */
public record CheckAdminSessionCommand(@TargetAggregateIdentifier String userId, String sessionId) {
}
