package dev.authsvc.command.user.domain;

/**
 * Whether a right password opens an account whose email is not verified yet ({@code auth.login.require-verified-email},
 * off by default: the seed registers and logs in with the password without verifying the email). Either way the
 * access token says {@code email_verified}, so other services can tell.
 */
public final class LoginPolicy {

    private final boolean requireVerifiedEmail;

    public LoginPolicy(boolean requireVerifiedEmail) {
        this.requireVerifiedEmail = requireVerifiedEmail;
    }

    public boolean refusesPasswordLogin(boolean emailVerified) {
        return requireVerifiedEmail && !emailVerified;
    }
}
