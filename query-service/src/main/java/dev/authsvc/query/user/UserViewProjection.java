package dev.authsvc.query.user;

import dev.authsvc.events.data.AccountLockedData;
import dev.authsvc.events.data.AccountUnlockedData;
import dev.authsvc.events.data.EmailVerifiedData;
import dev.authsvc.events.data.OtpVerifiedData;
import dev.authsvc.events.data.PasswordResetCompletedData;
import dev.authsvc.events.data.PhoneNumberChangedData;
import dev.authsvc.events.data.PhoneNumberRemovedData;
import dev.authsvc.events.data.ProfileUpdatedData;
import dev.authsvc.events.data.RoleChangedData;
import dev.authsvc.events.data.SessionsRevokedData;
import dev.authsvc.events.data.UserDisabledData;
import dev.authsvc.events.data.UserEnabledData;
import dev.authsvc.events.data.UserRegisteredData;
import dev.authsvc.query.event.UserEvent;
import org.springframework.stereotype.Component;

/**
 * Builds {@code user_view} from the user events, idempotently: each row remembers the sequence of the last event
 * applied to it, and an event at or below that sequence changes nothing. Events that do not change the view
 * still move the row's sequence on, so the check is the same for every event of the user. Times in the row are
 * the events' times, never the clock's, so replaying the topic gives the same rows.
 */
@Component
public class UserViewProjection {

    /** What applying one event came to. */
    public enum Outcome {
        /** The event was newer than the row and has been applied. */
        APPLIED,
        /** The row already reflects this event or a newer one (a redelivery, or an older event). */
        STALE,
        /** There is no row for the user, and this event does not create one. */
        NO_USER
    }

    static final String PASSWORD_RESET = "password_reset";

    private final UserViewRepository users;

    public UserViewProjection(UserViewRepository users) {
        this.users = users;
    }

    /** Runs inside the caller's transaction. */
    public Outcome apply(UserEvent event) {
        if (event.data() instanceof UserRegisteredData registered) {
            return register(event, registered);
        }
        boolean applied;
        if (event.data() instanceof ProfileUpdatedData profile) {
            applied = update(event, "first_name = COALESCE(?, first_name), last_name = COALESCE(?, last_name)",
                    profile.firstName(), profile.lastName());
        } else if (event.data() instanceof PhoneNumberChangedData phone) {
            // The new number was confirmed with a code sent to it.
            applied = update(event, "phone_number = COALESCE(?, phone_number), phone_verified = ?", phone.phoneNumber(), true);
        } else if (event.data() instanceof PhoneNumberRemovedData) {
            // No way in any more (a password reset proved the email and took the number off): no number, unproved.
            applied = update(event, "phone_number = NULL, phone_verified = ?", false);
        } else if (event.data() instanceof EmailVerifiedData email) {
            applied = update(event, "email = COALESCE(?, email), email_verified = ?", email.email(), true);
        } else if (event.data() instanceof OtpVerifiedData) {
            // A code sent by SMS to the number came back: the user holds that phone.
            applied = update(event, "phone_verified = ?", true);
        } else if (event.data() instanceof AccountLockedData locked) {
            applied = update(event, "locked_until = ?", UserViewRepository.time(locked.lockedUntil()));
        } else if (event.data() instanceof PasswordResetCompletedData) {
            // A completed reset also lifts any lock.
            applied = update(event, "sessions_revoked_before = ?, locked_until = NULL",
                    UserViewRepository.time(event.occurredAt()));
        } else if (event.data() instanceof RoleChangedData roleChanged) {
            applied = roleChanged(event, roleChanged);
        } else if (event.data() instanceof UserDisabledData disabled) {
            applied = disabled(event, disabled);
        } else if (event.data() instanceof UserEnabledData) {
            applied = enabled(event);
        } else if (event.data() instanceof AccountUnlockedData) {
            applied = unlocked(event);
        } else if (isPasswordReset(event)) {
            applied = update(event, "sessions_revoked_before = ?", UserViewRepository.time(event.occurredAt()));
        } else {
            applied = users.advanceIfNewer(event.userId(), event.sequence());
        }
        if (applied) {
            return Outcome.APPLIED;
        }
        return users.exists(event.userId()) ? Outcome.STALE : Outcome.NO_USER;
    }

    private Outcome register(UserEvent event, UserRegisteredData registered) {
        if (users.exists(event.userId())) {
            // A user id is registered once, at the first sequence: any later copy is a redelivery.
            return Outcome.STALE;
        }
        users.insert(new UserView(event.userId(), registered.email(), registered.phoneNumber(),
                registered.firstName(), registered.lastName(), registered.role() == null ? "employee" : registered.role(),
                false, false, null, null, event.occurredAt(), event.occurredAt(), event.sequence()));
        return Outcome.APPLIED;
    }

    /** Access tokens carry the new role from the next refresh ({@code Sessions} reads it here). */
    private boolean roleChanged(UserEvent event, RoleChangedData changed) {
        return update(event, "role = COALESCE(?, role)", changed.role());
    }

    /**
     * Disabled: every token of the user is refused while this holds ({@code Sessions}, {@code Callers}), and the
     * sessions started until now stay ended after an enable too, as after a password reset.
     */
    private boolean disabled(UserEvent event, UserDisabledData disabled) {
        return update(event, "disabled = ?, disabled_reason = ?, sessions_revoked_before = ?", true, disabled.reason(),
                UserViewRepository.time(event.occurredAt()));
    }

    private boolean enabled(UserEvent event) {
        return update(event, "disabled = ?, disabled_reason = NULL", false);
    }

    private boolean unlocked(UserEvent event) {
        return update(event, "locked_until = NULL");
    }

    private boolean update(UserEvent event, String assignments, Object... values) {
        return users.updateIfNewer(event.userId(), event.sequence(), event.occurredAt(), assignments, values);
    }

    static boolean isPasswordReset(UserEvent event) {
        return event.data() instanceof SessionsRevokedData revoked && PASSWORD_RESET.equals(revoked.reason());
    }
}
