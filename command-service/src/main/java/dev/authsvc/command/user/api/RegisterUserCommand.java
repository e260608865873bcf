package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a user. {@code email} and {@code phoneNumber} are already normalized (lower case, E.164).
 * {@code passwordHash} is {@code password} hashed by command-service before the command was sent (so no database
 * connection or user lock is held through a bcrypt); null only for a password too long for bcrypt, which the
 * password policy refuses before anything is recorded.
 */
public record RegisterUserCommand(
        @TargetAggregateIdentifier String userId,
        String firstName,
        String lastName,
        String email,
        String phoneNumber,
        Role role,
        Password password,
        String passwordHash,
        boolean selfRegistration,
        IssuedSecret emailVerificationToken) {

    @Override
    public String toString() {
        return "RegisterUserCommand[userId=" + userId + ", role=" + role + "]";
    }
}
