package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mails a single-use reset link; a new one replaces the earlier one. */
public record RequestPasswordResetCommand(@TargetAggregateIdentifier String userId, IssuedSecret token) {
}
