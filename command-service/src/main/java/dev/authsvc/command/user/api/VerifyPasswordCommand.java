package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A login attempt with a password. Answers a {@link LoginResult}. */
public record VerifyPasswordCommand(@TargetAggregateIdentifier String userId, Password password, String sessionId) {
}
