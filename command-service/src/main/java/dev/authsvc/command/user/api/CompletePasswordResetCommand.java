package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a new password with a reset token (its HMAC); ends every session of the user. */
public record CompletePasswordResetCommand(
        @TargetAggregateIdentifier String userId, String tokenHash, Password newPassword) {
}
