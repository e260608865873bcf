package dev.authsvc.command.user.infrastructure;

import dev.authsvc.command.user.api.AccountLocked;
import dev.authsvc.command.user.api.AccountUnlocked;
import dev.authsvc.command.user.api.PasswordChanged;
import dev.authsvc.command.user.api.PasswordRehashed;
import dev.authsvc.command.user.api.PasswordResetCompleted;
import dev.authsvc.command.user.api.UserRegistered;
import dev.authsvc.command.user.infrastructure.LoginCredentials.LoginCredential;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * Keeps {@code login_credential} in step with the events that change a user's password hash or lock, in a
 * subscribing processor ({@link LoginCredentialConfiguration}): in the transaction that appends them, so a login
 * that reads the row after the commit sees the hash and lock the aggregate has. The fields follow {@code User}'s
 * event sourcing handlers for the same events. The backfill replays stored events through {@link #apply}.
 */
@ProcessingGroup(LoginCredentialUpdater.PROCESSING_GROUP)
public class LoginCredentialUpdater {

    public static final String PROCESSING_GROUP = "login-credential";

    private final LoginCredentials credentials;

    public LoginCredentialUpdater(LoginCredentials credentials) {
        this.credentials = credentials;
    }

    @EventHandler
    void on(UserRegistered event, @SequenceNumber long sequence) {
        credentials.insert(event.userId(), new LoginCredential(event.passwordHash(), null, false), sequence);
    }

    @EventHandler
    void on(PasswordRehashed event, @SequenceNumber long sequence) {
        credentials.setPasswordHash(event.userId(), event.passwordHash(), false, sequence);
    }

    @EventHandler
    void on(PasswordChanged event, @SequenceNumber long sequence) {
        credentials.setPasswordHash(event.userId(), event.passwordHash(), false, sequence);
    }

    /** A completed reset lifts any lock, as in the aggregate. */
    @EventHandler
    void on(PasswordResetCompleted event, @SequenceNumber long sequence) {
        credentials.setPasswordHash(event.userId(), event.passwordHash(), true, sequence);
    }

    @EventHandler
    void on(AccountLocked event, @SequenceNumber long sequence) {
        credentials.setLock(event.userId(), event.lockedUntil(), event.untilPasswordReset(), sequence);
    }

    @EventHandler
    void on(AccountUnlocked event, @SequenceNumber long sequence) {
        credentials.setLock(event.userId(), null, false, sequence);
    }

    /**
     * The row as {@code current} and this stored event make it, for the backfill; {@code current} itself when the
     * event changes neither the hash nor the lock.
     */
    static LoginCredential apply(LoginCredential current, Object payload) {
        if (payload instanceof UserRegistered e) {
            return new LoginCredential(e.passwordHash(), null, false);
        }
        if (current == null) {
            return null;
        }
        if (payload instanceof PasswordRehashed e) {
            return new LoginCredential(e.passwordHash(), current.lockedUntil(), current.lockedUntilReset());
        }
        if (payload instanceof PasswordChanged e) {
            return new LoginCredential(e.passwordHash(), current.lockedUntil(), current.lockedUntilReset());
        }
        if (payload instanceof PasswordResetCompleted e) {
            return new LoginCredential(e.passwordHash(), null, false);
        }
        if (payload instanceof AccountLocked e) {
            return new LoginCredential(current.passwordHash(), e.lockedUntil(), e.untilPasswordReset());
        }
        if (payload instanceof AccountUnlocked) {
            return new LoginCredential(current.passwordHash(), null, false);
        }
        return current;
    }
}
