package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Confirms the email address with the mailed token (its HMAC). */
public record VerifyEmailCommand(@TargetAggregateIdentifier String userId, String tokenHash) {
}
