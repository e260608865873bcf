package dev.authsvc.command.user.infrastructure;

import dev.authsvc.command.user.api.EmailVerificationRequested;
import dev.authsvc.command.user.api.EmailVerified;
import dev.authsvc.command.user.api.PasswordResetCompleted;
import dev.authsvc.command.user.api.PasswordResetRequested;
import dev.authsvc.command.user.api.PhoneNumberChanged;
import dev.authsvc.command.user.api.PhoneNumberRemoved;
import dev.authsvc.command.user.api.UserRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps {@code user_lookup} in step with the user's events. It runs in a subscribing processor
 * ({@link UserLookupConfiguration}), so in the unit of work and database transaction that appends the events:
 * a claim and its event commit together, and a claim that fails (the value belongs to another user) rolls the
 * command back. No command that changes an email, a phone or a mailed token can forget the table.
 */
@ProcessingGroup(UserLookupUpdater.PROCESSING_GROUP)
public class UserLookupUpdater {

    public static final String PROCESSING_GROUP = "user-lookup";

    private final UserLookup lookup;

    public UserLookupUpdater(UserLookup lookup) {
        this.lookup = lookup;
    }

    @EventHandler
    void on(UserRegistered event) {
        lookup.claim(LookupKind.EMAIL, event.email(), event.userId());
        if (event.phoneNumber() != null) {
            lookup.claim(LookupKind.PHONE, event.phoneNumber(), event.userId());
        }
    }

    @EventHandler
    void on(EmailVerificationRequested event) {
        lookup.claim(LookupKind.EMAIL_TOKEN, event.tokenHash(), event.userId());
    }

    /** The link is spent, whether it was followed or a completed reset proved the email. */
    @EventHandler
    void on(EmailVerified event) {
        lookup.releaseAll(LookupKind.EMAIL_TOKEN, event.userId());
    }

    /** Only the newest reset link works. */
    @EventHandler
    void on(PasswordResetRequested event) {
        lookup.releaseAll(LookupKind.RESET_TOKEN, event.userId());
        lookup.claim(LookupKind.RESET_TOKEN, event.tokenHash(), event.userId());
    }

    @EventHandler
    void on(PasswordResetCompleted event) {
        lookup.releaseAll(LookupKind.RESET_TOKEN, event.userId());
    }

    @EventHandler
    void on(PhoneNumberChanged event) {
        if (event.previousPhoneNumber() != null) {
            lookup.release(LookupKind.PHONE, event.previousPhoneNumber(), event.userId());
        }
        lookup.claim(LookupKind.PHONE, event.phoneNumber(), event.userId());
    }

    /** The number is unknown to OTP login from now on, and free for another account. */
    @EventHandler
    void on(PhoneNumberRemoved event) {
        lookup.release(LookupKind.PHONE, event.phoneNumber(), event.userId());
    }
}
