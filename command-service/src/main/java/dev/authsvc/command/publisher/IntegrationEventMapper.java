package dev.authsvc.command.publisher;

import dev.authsvc.command.user.api.AccountLocked;
import dev.authsvc.command.user.api.AccountUnlocked;
import dev.authsvc.command.user.api.EmailVerificationRequested;
import dev.authsvc.command.user.api.EmailVerified;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.OtpRequested;
import dev.authsvc.command.user.api.OtpVerificationFailed;
import dev.authsvc.command.user.api.OtpVerified;
import dev.authsvc.command.user.api.PasswordChanged;
import dev.authsvc.command.user.api.PasswordResetCompleted;
import dev.authsvc.command.user.api.PasswordResetRequested;
import dev.authsvc.command.user.api.PhoneChangeRequested;
import dev.authsvc.command.user.api.PhoneNumberChanged;
import dev.authsvc.command.user.api.PhoneNumberRemoved;
import dev.authsvc.command.user.api.ProfileUpdated;
import dev.authsvc.command.user.api.RoleChanged;
import dev.authsvc.command.user.api.SealedSecret;
import dev.authsvc.command.user.api.SessionsRevoked;
import dev.authsvc.command.user.api.UserDisabled;
import dev.authsvc.command.user.api.UserEnabled;
import dev.authsvc.command.user.api.UserLoggedIn;
import dev.authsvc.command.user.api.UserRegistered;
import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.AccountLockedData;
import dev.authsvc.events.data.AccountUnlockedData;
import dev.authsvc.events.data.EmailVerificationRequestedData;
import dev.authsvc.events.data.EmailVerifiedData;
import dev.authsvc.events.data.LoginFailedData;
import dev.authsvc.events.data.OtpRequestedData;
import dev.authsvc.events.data.OtpVerificationFailedData;
import dev.authsvc.events.data.OtpVerifiedData;
import dev.authsvc.events.data.PasswordChangedData;
import dev.authsvc.events.data.PasswordResetCompletedData;
import dev.authsvc.events.data.PasswordResetRequestedData;
import dev.authsvc.events.data.PhoneChangeRequestedData;
import dev.authsvc.events.data.PhoneNumberChangedData;
import dev.authsvc.events.data.PhoneNumberRemovedData;
import dev.authsvc.events.data.ProfileUpdatedData;
import dev.authsvc.events.data.RoleChangedData;
import dev.authsvc.events.data.SealedValue;
import dev.authsvc.events.data.SessionsRevokedData;
import dev.authsvc.events.data.UserEventData;
import dev.authsvc.events.data.UserDisabledData;
import dev.authsvc.events.data.UserEnabledData;
import dev.authsvc.events.data.UserLoggedInData;
import dev.authsvc.events.data.UserRegisteredData;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Turns a stored domain event into its public integration event on {@value UserEventEnvelope#TOPIC}. The
 * {@code data} records of the {@code events} module decide what is public: password hashes and code or token
 * hashes have no field there, so they cannot leak; a code or token travels only as its {@link SealedValue}.
 * {@code PasswordRehashed} (a new hash of the same password) has no public meaning and is not published. The
 * envelope carries the record itself; {@link dev.authsvc.events.UserEventCodec#write} turns it into the record's
 * value. A new public event is one more {@code instanceof} branch here, building its {@code data} record.
 */
public class IntegrationEventMapper {

    /** The integration event for this domain event, or empty when it is not published. */
    public Optional<UserEventEnvelope> map(DomainEventMessage<?> event) {
        return data(event.getPayload()).map(data -> UserEventEnvelope.of(event.getIdentifier(),
                event.getAggregateIdentifier(), event.getSequenceNumber(), event.getTimestamp(), data));
    }

    static Optional<UserEventData> data(Object payload) {
        if (payload instanceof UserRegistered e) {
            // Not e.passwordHash(): it stays in the event store.
            return Optional.of(new UserRegisteredData(e.firstName(), e.lastName(), e.email(), e.phoneNumber(),
                    e.role() == null ? null : e.role().value()));
        }
        if (payload instanceof EmailVerificationRequested e) {
            return Optional.of(new EmailVerificationRequestedData(e.email(), sealed(e.sealedToken()), e.expiresAt()));
        }
        if (payload instanceof EmailVerified e) {
            return Optional.of(new EmailVerifiedData(e.email()));
        }
        if (payload instanceof OtpRequested e) {
            return Optional.of(new OtpRequestedData(e.phoneNumber(), sealed(e.sealedCode()), e.expiresAt()));
        }
        if (payload instanceof OtpVerified) {
            return Optional.of(new OtpVerifiedData());
        }
        if (payload instanceof OtpVerificationFailed e) {
            return Optional.of(new OtpVerificationFailedData(name(e.purpose()), e.failedTries(), e.codeKilled()));
        }
        if (payload instanceof UserLoggedIn e) {
            return Optional.of(new UserLoggedInData(e.sessionId(), name(e.method())));
        }
        if (payload instanceof LoginFailed e) {
            return Optional.of(new LoginFailedData(name(e.method()), e.reason(), e.consecutiveFailures()));
        }
        if (payload instanceof AccountLocked e) {
            return Optional.of(new AccountLockedData(e.lockedUntil(), e.untilPasswordReset()));
        }
        if (payload instanceof PasswordResetRequested e) {
            return Optional.of(new PasswordResetRequestedData(e.email(), sealed(e.sealedToken()), e.expiresAt()));
        }
        if (payload instanceof PasswordResetCompleted) {
            return Optional.of(new PasswordResetCompletedData());
        }
        if (payload instanceof PasswordChanged e) {
            return Optional.of(new PasswordChangedData(e.sessionId()));
        }
        if (payload instanceof ProfileUpdated e) {
            return Optional.of(new ProfileUpdatedData(e.firstName(), e.lastName()));
        }
        if (payload instanceof PhoneChangeRequested e) {
            return Optional.of(new PhoneChangeRequestedData(e.newPhoneNumber(), sealed(e.sealedCode()),
                    e.expiresAt()));
        }
        if (payload instanceof PhoneNumberChanged e) {
            return Optional.of(new PhoneNumberChangedData(e.previousPhoneNumber(), e.phoneNumber()));
        }
        if (payload instanceof PhoneNumberRemoved e) {
            return Optional.of(new PhoneNumberRemovedData(e.phoneNumber(), e.reason()));
        }
        if (payload instanceof SessionsRevoked e) {
            return Optional.of(new SessionsRevokedData(e.sessionIds(), e.reason()));
        }
        if (payload instanceof RoleChanged e) {
            return Optional.of(new RoleChangedData(e.role() == null ? null : e.role().value(),
                    e.previousRole() == null ? null : e.previousRole().value()));
        }
        if (payload instanceof UserDisabled e) {
            return Optional.of(new UserDisabledData(e.reason()));
        }
        if (payload instanceof UserEnabled) {
            return Optional.of(new UserEnabledData());
        }
        if (payload instanceof AccountUnlocked) {
            return Optional.of(new AccountUnlockedData());
        }
        // PasswordRehashed, and anything that is not a user event.
        return Optional.empty();
    }

    private static SealedValue sealed(SealedSecret sealed) {
        return sealed == null ? null : new SealedValue(sealed.keyId(), sealed.ciphertext(), sealed.version());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
