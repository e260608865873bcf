package dev.authsvc.command.user.api;

/** The user's current state as the query side needs it for the access token's claims. */
public record UserClaims(
        String email,
        String phoneNumber,
        Role role,
        String firstName,
        String lastName,
        boolean emailVerified,
        boolean phoneVerified) {
}
