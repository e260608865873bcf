package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An admin ends sessions of the user at once: the one {@code sessionId}, or every live one when it is null. A named
 * session that is not live is refused ({@link UserCommandRejectedException.Reason#NOT_FOUND}). Answers the ids ended.
 */
public record RevokeSessionsCommand(@TargetAggregateIdentifier String userId, String sessionId) {

    public static final String ADMIN = "admin";
}
