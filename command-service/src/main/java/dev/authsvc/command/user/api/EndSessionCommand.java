package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends one session at the user's request (logout on the query side); an ended or unknown session is no change. */
public record EndSessionCommand(@TargetAggregateIdentifier String userId, String sessionId) {
}
