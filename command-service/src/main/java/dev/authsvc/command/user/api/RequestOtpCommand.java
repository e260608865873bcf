package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sends a new login code to the user's phone; it replaces any earlier code. */
public record RequestOtpCommand(@TargetAggregateIdentifier String userId, IssuedSecret code) {
}
