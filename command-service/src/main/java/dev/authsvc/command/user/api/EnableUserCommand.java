package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin enables a disabled user again. Answers whether anything changed (enabling an enabled user does not). */
public record EnableUserCommand(@TargetAggregateIdentifier String userId) {
}
