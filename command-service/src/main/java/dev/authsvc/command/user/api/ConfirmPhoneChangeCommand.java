package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Confirms a pending phone change with the code sent to the new number (its HMAC). */
public record ConfirmPhoneChangeCommand(@TargetAggregateIdentifier String userId, String sessionId, String codeHash) {
}
