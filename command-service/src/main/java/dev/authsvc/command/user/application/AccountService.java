package dev.authsvc.command.user.application;

import dev.authsvc.command.config.AuthProperties;
import dev.authsvc.command.secret.SecretIssuer;
import dev.authsvc.command.sms.SmsBudget;
import dev.authsvc.command.user.api.AccountUpdateResult;
import dev.authsvc.command.user.api.CompletePasswordResetCommand;
import dev.authsvc.command.user.api.ConfirmPhoneChangeCommand;
import dev.authsvc.command.user.api.EndSessionCommand;
import dev.authsvc.command.user.api.IssuedSecret;
import dev.authsvc.command.user.api.LoginResult;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.PasswordCheck;
import dev.authsvc.command.user.api.PhoneChangeConfirmation;
import dev.authsvc.command.user.api.RegisterUserCommand;
import dev.authsvc.command.user.api.RequestOtpCommand;
import dev.authsvc.command.user.api.RequestPasswordResetCommand;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.UpdateAccountCommand;
import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import dev.authsvc.command.user.api.VerifyEmailCommand;
import dev.authsvc.command.user.api.VerifyOtpCommand;
import dev.authsvc.command.user.api.VerifyPasswordCommand;
import dev.authsvc.command.user.domain.LockoutPolicy;
import dev.authsvc.command.user.domain.PasswordPolicy;
import dev.authsvc.command.user.infrastructure.LoginCredentials;
import dev.authsvc.command.user.infrastructure.LoginCredentials.LoginCredential;
import dev.authsvc.command.user.infrastructure.LookupKind;
import dev.authsvc.command.user.infrastructure.UserLookup;
import dev.authsvc.events.data.EmailVerificationRequestedData;
import dev.authsvc.events.data.OtpRequestedData;
import dev.authsvc.events.data.PasswordResetRequestedData;
import dev.authsvc.events.data.PhoneChangeRequestedData;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * What the command-side endpoints do: resolve emails, phones and tokens to a user, issue secrets, and send the
 * command in one transaction. The lookup table follows the command's events in that transaction
 * ({@code UserLookupUpdater}); only registration claims the email and phone up front, so a taken one is refused
 * before the user is created. Emails and phones arrive normalized.
 */
@Service
public class AccountService {

    private static final LockoutPolicy LOCKOUT = new LockoutPolicy();

    private final CommandGateway commands;
    private final UserLookup lookup;
    private final SecretIssuer secrets;
    private final UserCommandRunner runner;
    private final UnknownPhoneThrottle unknownPhones;
    private final SmsBudget smsBudget;
    private final UnknownLoginLockout unknownLogins;
    private final AuthProperties properties;
    /** A hash of a random password, checked when the account is unknown so that costs as much as a real check. */
    private final String decoyHash;
    private final PasswordEncoder passwordEncoder;
    private final LoginCredentials credentials;

    AccountService(CommandGateway commands, UserLookup lookup, SecretIssuer secrets, UserCommandRunner runner,
            UnknownPhoneThrottle unknownPhones, SmsBudget smsBudget, UnknownLoginLockout unknownLogins,
            AuthProperties properties,
            PasswordEncoder passwordEncoder, LoginCredentials credentials) {
        this.commands = commands;
        this.lookup = lookup;
        this.secrets = secrets;
        this.runner = runner;
        this.unknownPhones = unknownPhones;
        this.smsBudget = smsBudget;
        this.unknownLogins = unknownLogins;
        this.properties = properties;
        this.passwordEncoder = passwordEncoder;
        this.credentials = credentials;
        this.decoyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    public record Registration(String firstName, String lastName, String email, String phoneNumber, Role role,
            Password password) {
    }

    /** Creates the user; a {@link Reason#CONFLICT} rejection when the email or phone already belongs to someone. */
    public String register(Registration registration) {
        return register(registration, true);
    }

    /**
     * Creates the first administrator from configuration unless a user already has that email, so it runs
     * harmlessly at every start. Answers whether it created one.
     */
    public boolean registerBootstrapAdmin(Registration admin) {
        if (lookup.find(LookupKind.EMAIL, admin.email()).isPresent()) {
            return false;
        }
        register(admin, false);
        return true;
    }

    private String register(Registration registration, boolean selfRegistration) {
        String userId = UUID.randomUUID().toString();
        IssuedSecret emailToken = secrets.issueToken(
                EmailVerificationRequestedData.sealContext(userId, registration.email()));
        // Hashed before the transaction: a bcrypt holds no database connection (16 registrations at once ran the
        // pool dry and were answered 503).
        Password password = registration.password();
        String passwordHash = password != null && PasswordPolicy.fitsBcrypt(password)
                ? passwordEncoder.encode(password.value())
                : null;
        runner.inTransaction(() -> {
            lookup.claim(LookupKind.EMAIL, registration.email(), userId);
            lookup.claim(LookupKind.PHONE, registration.phoneNumber(), userId);
            commands.sendAndWait(new RegisterUserCommand(userId, registration.firstName(), registration.lastName(),
                    registration.email(), registration.phoneNumber(), registration.role(), password, passwordHash,
                    selfRegistration, emailToken));
        });
        return userId;
    }

    /**
     * Sends a login code if the number belongs to a user; answers the same either way. The code is an SMS, so it
     * spends from the service's SMS budget; an unknown number spends nothing but is refused alike once it is spent.
     */
    public void sendOtp(String phoneNumber) {
        ResponseFloor floor = ResponseFloor.start(properties.enumeration().responseFloor());
        Optional<String> userId = lookup.find(LookupKind.PHONE, phoneNumber);
        try {
            if (userId.isPresent()) {
                IssuedSecret code = secrets.issueOtp(OtpRequestedData.sealContext(userId.get(), phoneNumber));
                runner.inTransaction(() -> {
                    // false: a disabled account, which is sent nothing and answered alike
                    if (commands.<Boolean>sendAndWait(new RequestOtpCommand(userId.get(), code))) {
                        smsBudget.spend();
                    }
                });
            } else {
                // A number whose logins are locked refuses codes, as a known account's does.
                String phoneHash = secrets.hash(phoneNumber);
                unknownLogins.remainingLock(phoneHash).ifPresent(remaining -> {
                    throw UnknownPhoneThrottle.tooMany(remaining);
                });
                unknownPhones.recordSend(phoneHash, smsBudget::check);
            }
        } catch (UserCommandRejectedException e) {
            // The same words for known and unknown numbers, so a 429 tells nothing about the account.
            throw e.reason() == Reason.TOO_MANY_REQUESTS ? UnknownPhoneThrottle.tooMany(e.retryAfter()) : e;
        } finally {
            floor.await();
        }
    }

    public LoginResult loginWithOtp(String phoneNumber, String otp) {
        String codeHash = secrets.hash(otp);
        Optional<String> userId = lookup.find(LookupKind.PHONE, phoneNumber);
        if (userId.isEmpty()) {
            // Counted and locked as a known number's failures are, so the answers cannot tell them apart.
            String phoneHash = secrets.hash(phoneNumber);
            return unknownLogins.locked(phoneHash).orElseGet(() -> unknownLogins.recordFailure(phoneHash));
        }
        String sessionId = UUID.randomUUID().toString();
        return runner.inTransaction(() -> commands.<LoginResult>sendAndWait(
                new VerifyOtpCommand(userId.get(), codeHash, sessionId)));
    }

    public LoginResult loginWithPassword(String email, Password password) {
        Optional<String> userId = lookup.find(LookupKind.EMAIL, email);
        if (userId.isEmpty()) {
            // As for an account: a lock answers at once, else the password costs a real check and counts.
            String emailHash = secrets.hash(email);
            Optional<LoginResult> locked = unknownLogins.locked(emailHash);
            if (locked.isPresent()) {
                return locked.get();
            }
            passwordEncoder.matches(password.value(), decoyHash);
            return unknownLogins.recordFailure(emailHash);
        }
        String sessionId = UUID.randomUUID().toString();
        PasswordCheck check = checkBeforeTheLock(userId.get(), password);
        return runner.inTransaction(() -> commands.<LoginResult>sendAndWait(
                new VerifyPasswordCommand(userId.get(), password, sessionId, check)));
    }

    /**
     * Runs bcrypt against the user's current hash outside any lock and transaction, so logins of one user verify
     * side by side and the aggregate's lock is held for milliseconds, not for a verification. None (the aggregate
     * then answers or verifies as before) while the account is locked, so a locked account costs no bcrypt, and for
     * a user whose row is not there yet.
     */
    private PasswordCheck checkBeforeTheLock(String userId, Password password) {
        Optional<LoginCredential> credential = credentials.find(userId);
        if (credential.isEmpty() || LOCKOUT.remainingLock(credential.get().lockedUntil(),
                credential.get().lockedUntilReset(), GenericEventMessage.clock.instant()).isPresent()) {
            return null;
        }
        String hash = credential.get().passwordHash();
        return new PasswordCheck(hash, passwordEncoder.matches(password.value(), hash));
    }

    /**
     * Mails a reset link if the email belongs to a user; answers the same either way. Within a minute of the last
     * link the user's aggregate sends nothing, and the link already mailed stays the one that works.
     */
    public void requestPasswordReset(String email) {
        ResponseFloor floor = ResponseFloor.start(properties.enumeration().responseFloor());
        Optional<String> userId = lookup.find(LookupKind.EMAIL, email);
        try {
            userId.ifPresent(id -> runner.inTransaction(() -> {
                IssuedSecret token = secrets.issueToken(PasswordResetRequestedData.sealContext(id, email));
                commands.sendAndWait(new RequestPasswordResetCommand(id, token));
            }));
        } finally {
            floor.await();
        }
    }

    /**
     * Sets the new password; the reset also proves the email, lifts a lock, and may take a phone number off the
     * account (its {@code PhoneNumberRemoved} frees the number: unknown to OTP login, free for registration).
     */
    public void completePasswordReset(String token, Password newPassword) {
        String tokenHash = secrets.hash(token);
        String userId = lookup.find(LookupKind.RESET_TOKEN, tokenHash).orElseThrow(AccountService::invalidToken);
        runner.inTransaction(() -> commands.sendAndWait(
                new CompletePasswordResetCommand(userId, tokenHash, newPassword)));
    }

    public record AccountChange(String firstName, String lastName, String phoneNumber, Password newPassword,
            Password currentPassword) {
    }

    /**
     * Applies a change to the caller's own account; answers whether a phone change now waits for the code sent
     * to the new number. A phone number the user already has is no change. A wrong current password is stored as
     * a failed login before it is answered (401, or 429 when it locked the account).
     */
    public boolean updateAccount(String userId, String sessionId, AccountChange change) {
        String newPhone = change.phoneNumber();
        IssuedSecret phoneCode = null;
        if (newPhone != null) {
            Optional<String> owner = lookup.find(LookupKind.PHONE, newPhone);
            if (owner.isPresent() && !owner.get().equals(userId)) {
                throw UserLookup.taken(LookupKind.PHONE);
            }
            if (owner.isPresent()) {
                newPhone = null;
            } else {
                phoneCode = secrets.issueOtp(PhoneChangeRequestedData.sealContext(userId, newPhone));
            }
        }
        String phone = newPhone;
        IssuedSecret code = phoneCode;
        AccountUpdateResult result = runner.inTransaction(() -> {
            AccountUpdateResult outcome = commands.<AccountUpdateResult>sendAndWait(
                    new UpdateAccountCommand(userId, sessionId, change.firstName(), change.lastName(), phone, code,
                            change.newPassword(), change.currentPassword()));
            if (outcome.outcome() == AccountUpdateResult.Outcome.UPDATED && phone != null) {
                // the code to the new number is an SMS; past the service's budget the whole change is undone
                smsBudget.spend();
            }
            return outcome;
        });
        // Thrown only now, with the transaction committed, so the failure stays recorded.
        return switch (result.outcome()) {
            case UPDATED -> phone != null;
            case WRONG_CURRENT_PASSWORD -> throw new UserCommandRejectedException(Reason.UNAUTHORIZED,
                    "current_password", "The current password is wrong.");
            case LOCKED -> throw new UserCommandRejectedException(Reason.TOO_MANY_REQUESTS, null,
                    "Too many failed attempts: the account is locked for a while.", result.retryAfter());
        };
    }

    /** Completes a phone change; a wrong code is recorded (it counts toward killing the code) and answered 400. */
    public void confirmPhoneChange(String userId, String sessionId, String code) {
        String codeHash = secrets.hash(code);
        boolean confirmed = runner.inTransaction(() -> {
            PhoneChangeConfirmation change = commands.sendAndWait(
                    new ConfirmPhoneChangeCommand(userId, sessionId, codeHash));
            return change.confirmed();
        });
        if (!confirmed) {
            throw new UserCommandRejectedException(Reason.INVALID_TOKEN, "code", "The code is not valid.");
        }
    }

    /**
     * Ends one session of the user (logout, or refresh-token reuse: see {@link EndSessionCommand}); an unknown user
     * or session, or one already ended, is no change.
     */
    public void endSession(String userId, String sessionId, String reason) {
        try {
            runner.inTransaction(() -> commands.sendAndWait(new EndSessionCommand(userId, sessionId, reason)));
        } catch (AggregateNotFoundException unknownUser) {
            // Nothing to end.
        }
    }

    public void verifyEmail(String token) {
        String tokenHash = secrets.hash(token);
        String userId = lookup.find(LookupKind.EMAIL_TOKEN, tokenHash).orElseThrow(AccountService::invalidToken);
        runner.inTransaction(() -> commands.sendAndWait(new VerifyEmailCommand(userId, tokenHash)));
    }

    private static UserCommandRejectedException invalidToken() {
        return new UserCommandRejectedException(Reason.INVALID_TOKEN, "token",
                "This link is invalid, expired or already used.");
    }
}
