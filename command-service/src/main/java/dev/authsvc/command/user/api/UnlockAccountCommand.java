package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin lifts a lockout. Answers whether there was one to lift. */
public record UnlockAccountCommand(@TargetAggregateIdentifier String userId) {
}
