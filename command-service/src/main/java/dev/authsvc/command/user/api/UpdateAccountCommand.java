package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The seed's {@code PUT /update-account}: every field optional (null = unchanged). Names change at once; a new
 * password or phone number needs {@code currentPassword} or a login of {@code sessionId} younger than five
 * minutes; a new phone number only becomes the user's after {@link ConfirmPhoneChangeCommand} with the code
 * {@code phoneCode} that is sent to it. {@code sessionId} is the {@code sid} of the caller's access token. A wrong
 * {@code currentPassword} counts toward the lockout: see {@link AccountUpdateResult}.
 */
public record UpdateAccountCommand(
        @TargetAggregateIdentifier String userId,
        String sessionId,
        String firstName,
        String lastName,
        String newPhoneNumber,
        IssuedSecret phoneCode,
        Password newPassword,
        Password currentPassword) {
}
