package dev.authsvc.query.user;

import dev.authsvc.events.UserEventEnvelope;
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
import dev.authsvc.events.data.UserEventData;
import dev.authsvc.events.data.UserRegisteredData;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
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

    /**
     * What each event type changes in its user's row, one entry per type. A type missing here (a login, a failed
     * code, ...) changes nothing but the row's sequence. {@code UserRegistered} creates the row instead.
     */
    private static final Map<Class<? extends UserEventData>, RowChange<?>> CHANGES = table(
            on(ProfileUpdatedData.class, (event, profile) -> UserViewChange.none()
                    .firstNameIfPresent(profile.firstName())
                    .lastNameIfPresent(profile.lastName())),
            // The new number was confirmed with a code sent to it.
            on(PhoneNumberChangedData.class, (event, phone) -> UserViewChange.none()
                    .phoneNumberIfPresent(phone.phoneNumber())
                    .phoneVerified(true)),
            // No way in any more (a password reset proved the email and took the number off): no number, unproved.
            on(PhoneNumberRemovedData.class, (event, removed) -> UserViewChange.none()
                    .noPhoneNumber()
                    .phoneVerified(false)),
            on(EmailVerifiedData.class, (event, email) -> UserViewChange.none()
                    .emailIfPresent(email.email())
                    .emailVerified(true)),
            // A code sent by SMS to the number came back: the user holds that phone.
            on(OtpVerifiedData.class, (event, verified) -> UserViewChange.none().phoneVerified(true)),
            on(AccountLockedData.class, (event, locked) -> UserViewChange.none().lockedUntil(locked.lockedUntil())),
            // A completed reset also lifts any lock.
            on(PasswordResetCompletedData.class, (event, reset) -> UserViewChange.none()
                    .sessionsRevokedBefore(event.occurredAt())
                    .lockedUntil(null)),
            on(SessionsRevokedData.class, (event, revoked) -> PASSWORD_RESET.equals(revoked.reason())
                    ? UserViewChange.none().sessionsRevokedBefore(event.occurredAt())
                    : UserViewChange.none()),
            // Access tokens carry the new role from the next refresh (Sessions reads it here).
            on(RoleChangedData.class, (event, changed) -> UserViewChange.none().roleIfPresent(changed.role())),
            // Disabled: every token of the user is refused while this holds (Sessions, Callers), and the sessions
            // started until now stay ended after an enable too, as after a password reset.
            on(UserDisabledData.class, (event, disabled) -> UserViewChange.none()
                    .disabled(true, disabled.reason())
                    .sessionsRevokedBefore(event.occurredAt())),
            on(UserEnabledData.class, (event, enabled) -> UserViewChange.none().disabled(false, null)),
            on(AccountUnlockedData.class, (event, unlocked) -> UserViewChange.none().lockedUntil(null)));

    private final UserViewRepository users;

    public UserViewProjection(UserViewRepository users) {
        this.users = users;
    }

    /** Applies the event to the live {@code user_view}. Runs inside the caller's transaction. */
    public Outcome apply(UserEventEnvelope event) {
        return apply(event, users);
    }

    /**
     * Applies the event to {@code users}' table with the same table of changes: a rebuild fills its own table
     * this way. Runs inside the caller's transaction.
     */
    public Outcome apply(UserEventEnvelope event, UserViewRepository users) {
        RowEffect effect = effectOf(event);
        if (effect instanceof Creates creates) {
            if (users.exists(event.userId())) {
                // A user id is registered once, at the first sequence: any later copy is a redelivery.
                return Outcome.STALE;
            }
            users.insert(creates.row());
            return Outcome.APPLIED;
        }
        if (users.updateIfNewer(event.userId(), event.sequence(), event.occurredAt(), ((Changes) effect).change())) {
            return Outcome.APPLIED;
        }
        return users.exists(event.userId()) ? Outcome.STALE : Outcome.NO_USER;
    }

    /** What an event does to its user's row: a registration creates the row, any other event changes it. */
    public sealed interface RowEffect permits Creates, Changes {
    }

    /** The row a registration creates, unless the user has one already (then the event is a redelivery). */
    public record Creates(UserView row) implements RowEffect {
    }

    /** The change to the user's row, made only if the event's sequence is above the row's. */
    public record Changes(UserViewChange change) implements RowEffect {
    }

    /** The effect of {@code event} from the table of changes; {@link #apply} and a rebuild's batches both use it. */
    public static RowEffect effectOf(UserEventEnvelope event) {
        if (event.data() instanceof UserRegisteredData registered) {
            return new Creates(new UserView(event.userId(), registered.email(), registered.phoneNumber(),
                    registered.firstName(), registered.lastName(),
                    registered.role() == null ? "employee" : registered.role(),
                    false, false, null, null, event.occurredAt(), event.occurredAt(), event.sequence()));
        }
        RowChange<?> rowChange = CHANGES.get(event.data().getClass());
        return new Changes(rowChange == null ? UserViewChange.none() : rowChange.of(event));
    }

    /** The change one event type makes, from the event and its data record. */
    @FunctionalInterface
    private interface Change<D extends UserEventData> {
        UserViewChange of(UserEventEnvelope event, D data);
    }

    private record RowChange<D extends UserEventData>(Class<D> type, Change<D> change) {

        UserViewChange of(UserEventEnvelope event) {
            return change.of(event, type.cast(event.data()));
        }
    }

    private static <D extends UserEventData> RowChange<D> on(Class<D> type, Change<D> change) {
        return new RowChange<>(type, change);
    }

    private static Map<Class<? extends UserEventData>, RowChange<?>> table(RowChange<?>... changes) {
        return Arrays.stream(changes).collect(Collectors.toUnmodifiableMap(RowChange::type, Function.identity()));
    }
}
