package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a user. {@code email} and {@code phoneNumber} are already normalized (lower case, E.164). */
public record RegisterUserCommand(
        @TargetAggregateIdentifier String userId,
        String firstName,
        String lastName,
        String email,
        String phoneNumber,
        Role role,
        Password password,
        boolean selfRegistration,
        IssuedSecret emailVerificationToken) {
}
