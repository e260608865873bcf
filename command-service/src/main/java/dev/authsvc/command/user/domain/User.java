package dev.authsvc.command.user.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.authsvc.command.user.api.AccountLocked;
import dev.authsvc.command.user.api.AccountUnlocked;
import dev.authsvc.command.user.api.AccountUpdateResult;
import dev.authsvc.command.user.api.ChangeRoleCommand;
import dev.authsvc.command.user.api.CheckAdminSessionCommand;
import dev.authsvc.command.user.api.CodePurpose;
import dev.authsvc.command.user.api.CompletePasswordResetCommand;
import dev.authsvc.command.user.api.ConfirmPhoneChangeCommand;
import dev.authsvc.command.user.api.DisableUserCommand;
import dev.authsvc.command.user.api.EmailVerificationRequested;
import dev.authsvc.command.user.api.EmailVerified;
import dev.authsvc.command.user.api.EnableUserCommand;
import dev.authsvc.command.user.api.EndSessionCommand;
import dev.authsvc.command.user.api.IssuedSecret;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.LoginMethod;
import dev.authsvc.command.user.api.LoginResult;
import dev.authsvc.command.user.api.OtpRequested;
import dev.authsvc.command.user.api.OtpVerificationFailed;
import dev.authsvc.command.user.api.OtpVerified;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.PasswordCheck;
import dev.authsvc.command.user.api.PasswordChanged;
import dev.authsvc.command.user.api.PasswordRehashed;
import dev.authsvc.command.user.api.PasswordResetCompleted;
import dev.authsvc.command.user.api.PasswordResetRequested;
import dev.authsvc.command.user.api.PhoneChangeConfirmation;
import dev.authsvc.command.user.api.PhoneChangeRequested;
import dev.authsvc.command.user.api.PhoneNumberChanged;
import dev.authsvc.command.user.api.PhoneNumberRemoved;
import dev.authsvc.command.user.api.ProfileUpdated;
import dev.authsvc.command.user.api.RegisterUserCommand;
import dev.authsvc.command.user.api.RequestOtpCommand;
import dev.authsvc.command.user.api.RequestPasswordResetCommand;
import dev.authsvc.command.user.api.RevokeSessionsCommand;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.RoleChanged;
import dev.authsvc.command.user.api.SessionsRevoked;
import dev.authsvc.command.user.api.UnlockAccountCommand;
import dev.authsvc.command.user.api.UpdateAccountCommand;
import dev.authsvc.command.user.api.UserClaims;
import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import dev.authsvc.command.user.api.UserDisabled;
import dev.authsvc.command.user.api.UserEnabled;
import dev.authsvc.command.user.api.UserLoggedIn;
import dev.authsvc.command.user.api.UserRegistered;
import dev.authsvc.command.user.api.VerifyEmailCommand;
import dev.authsvc.command.user.api.VerifyOtpCommand;
import dev.authsvc.command.user.api.VerifyPasswordCommand;
import dev.authsvc.command.user.domain.LockoutPolicy.Lock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A user of the authentication service. Command handlers ask the policies and apply events; event sourcing handlers
 * only assign state. Failed logins are events, so the login handlers answer a {@link LoginResult} instead of
 * throwing (a thrown exception would roll the failure back); so does a wrong current password on an account
 * update, which counts toward the lockout like a failed login ({@link AccountUpdateResult}). Other refusals throw
 * {@link UserCommandRejectedException} and record nothing.
 *
 * <p>State is plain fields of simple types because snapshots are written by Jackson with field visibility; the
 * policies are stateless and live in static fields, which Jackson and the test fixture skip.
 */
@Aggregate(repository = "userRepository")
class User {

    static final String REASON_WRONG_CODE = "wrong_code";
    static final String REASON_NO_VALID_CODE = "no_valid_code";
    static final String REASON_WRONG_PASSWORD = "wrong_password";
    /** A wrong {@code current_password} on an account update: a password guess like a failed login. */
    static final String REASON_WRONG_CURRENT_PASSWORD = "wrong_current_password";
    static final String REVOKED_BY_PASSWORD_RESET = "password_reset";
    static final String REVOKED_BY_PASSWORD_CHANGE = "password_changed";
    static final String REVOKED_BY_LOGOUT = EndSessionCommand.LOGOUT;
    static final String REVOKED_BY_ADMIN = RevokeSessionsCommand.ADMIN;
    static final String REMOVED_BY_PASSWORD_RESET = "password_reset";
    static final String LOCKED_UNTIL_RESET = "Too many failed attempts: the account is locked until its password is "
            + "reset. Ask for a reset link (POST /reset-password) to get back in.";

    private static final OtpPolicy OTP = new OtpPolicy();
    private static final LockoutPolicy LOCKOUT = new LockoutPolicy();
    private static final ReauthenticationPolicy REAUTHENTICATION = new ReauthenticationPolicy();
    private static final ResetTokenPolicy TOKENS = new ResetTokenPolicy();
    private static final SessionPolicy SESSIONS = new SessionPolicy();
    private static final LastAdminPolicy ADMINS = new LastAdminPolicy();

    @AggregateIdentifier
    private String userId;
    private String firstName;
    private String lastName;
    private String email;
    private String phoneNumber;
    private Role role;
    /** An admin disabled the account: no login, no command, no code or link sent, until enabled again. */
    private boolean disabled;
    private String passwordHash;
    private boolean emailVerified;
    private boolean phoneVerified;
    /**
     * Whether the phone number was put on the account while its email was not verified (at registration, or a
     * change confirmed before the email was): whoever proves the email with a reset did not necessarily put it there.
     */
    private boolean phoneAttachedBeforeEmailProof;

    private PendingCode loginCode;
    private PendingPhoneChange phoneChange;
    private PendingToken resetToken;
    private PendingToken emailVerification;
    /** Codes sent by SMS in the last hour, for the send limits. */
    private ArrayList<SmsSent> recentSms = new ArrayList<>();
    /** When phone-change codes went out in the last hour, to any number: the per-account budget. */
    private ArrayList<Instant> recentPhoneChangeCodes = new ArrayList<>();
    /** When the last reset link was mailed, for one reset mail per minute. */
    private Instant resetMailedAt;

    /** Failed logins since the last successful login or reset, across locks. */
    private int consecutiveFailures;
    private Instant lockedUntil;
    private boolean lockedUntilReset;

    /** Session id to the time of its login. */
    private HashMap<String, Instant> activeSessions = new HashMap<>();

    /** For Axon and Jackson. */
    User() {
    }

    @CommandHandler
    User(RegisterUserCommand command, PasswordPolicy passwordPolicy, RegistrationPolicy registrationPolicy,
            PasswordEncoder passwordEncoder) {
        if (command.role() == null) {
            throw new UserCommandRejectedException(Reason.INVALID, "role", "role is required");
        }
        if (command.selfRegistration() && !registrationPolicy.maySelfAssign(command.role())) {
            throw new UserCommandRejectedException(Reason.INVALID, "role",
                    "role " + command.role().value() + " cannot be chosen at registration");
        }
        rejectIfBreaksPasswordPolicy(passwordPolicy, command.password(), "password", command.email(),
                command.firstName(), command.lastName());
        IssuedSecret token = Objects.requireNonNull(command.emailVerificationToken(), "emailVerificationToken");
        Instant now = now();
        apply(new UserRegistered(command.userId(), command.firstName(), command.lastName(), command.email(),
                command.phoneNumber(), command.role(), Objects.requireNonNull(command.passwordHash(), "passwordHash"),
                now));
        apply(new EmailVerificationRequested(command.userId(), command.email(), token.hash(), token.sealed(),
                TOKENS.verificationExpiresAt(now), now));
    }

    /**
     * Sends a login code and answers {@code true}; a disabled account gets none and answers {@code false}, which the
     * caller answers like any other send, so the response tells nothing.
     */
    @CommandHandler
    boolean handle(RequestOtpCommand command) {
        if (disabled) {
            return false;
        }
        Instant now = now();
        // a code could not be used before the lock ends, and by then it has expired
        LOCKOUT.remainingLock(lockedUntil, lockedUntilReset, now).ifPresent(remaining -> {
            throw new UserCommandRejectedException(Reason.TOO_MANY_REQUESTS, null, "the account is locked for now",
                    remaining);
        });
        rejectIfSmsLimitReached(phoneNumber, now);
        IssuedSecret code = Objects.requireNonNull(command.code(), "code");
        apply(new OtpRequested(userId, phoneNumber, code.hash(), code.sealed(), OTP.expiresAt(now), now));
        return true;
    }

    @CommandHandler
    LoginResult handle(VerifyOtpCommand command) {
        Instant now = now();
        Optional<LoginResult> locked = lockedResult(now);
        if (locked.isPresent()) {
            return locked.get();
        }
        if (loginCode == null || !OTP.isLive(loginCode.expiresAt(), loginCode.failedTries(), now)) {
            return loginFailed(LoginMethod.OTP, REASON_NO_VALID_CODE, now);
        }
        if (OTP.matches(loginCode.hash(), command.codeHash())) {
            if (disabled) {
                return LoginResult.disabled(userId);
            }
            apply(new OtpVerified(userId, now));
            return logIn(command.sessionId(), LoginMethod.OTP, now);
        }
        int tries = loginCode.failedTries() + 1;
        apply(new OtpVerificationFailed(userId, CodePurpose.LOGIN, tries, OTP.killsCode(tries), now));
        return loginFailed(LoginMethod.OTP, REASON_WRONG_CODE, now);
    }

    @CommandHandler
    LoginResult handle(VerifyPasswordCommand command, PasswordEncoder passwordEncoder, LoginPolicy loginPolicy) {
        Instant now = now();
        Optional<LoginResult> locked = lockedResult(now);
        if (locked.isPresent()) {
            return locked.get();
        }
        Password password = command.password();
        if (password == null || !passwordMatches(password, command.check(), passwordEncoder)) {
            return loginFailed(LoginMethod.PASSWORD, REASON_WRONG_PASSWORD, now);
        }
        // Told only to whoever gave the right password, and nothing recorded: no failure, no session.
        if (disabled) {
            return LoginResult.disabled(userId);
        }
        if (loginPolicy.refusesPasswordLogin(emailVerified)) {
            return LoginResult.emailNotVerified(userId);
        }
        // A password bcrypt cannot hash can only have matched an older encoding; it keeps that hash until reset.
        if (passwordEncoder.upgradeEncoding(passwordHash) && PasswordPolicy.fitsBcrypt(password)) {
            apply(new PasswordRehashed(userId, passwordEncoder.encode(password.value()), now));
        }
        return logIn(command.sessionId(), LoginMethod.PASSWORD, now);
    }

    /**
     * The check made before the lock was taken counts when it was made against the current hash; a hash changed
     * since (a reset, a change, a rehash) is verified here, as every password was before the check moved out.
     */
    private boolean passwordMatches(Password password, PasswordCheck check, PasswordEncoder passwordEncoder) {
        if (check != null && passwordHash.equals(check.checkedHash())) {
            return check.matched();
        }
        return passwordEncoder.matches(password.value(), passwordHash);
    }

    /**
     * Mails a reset link and answers {@code true}; within a minute of the last one it records and sends nothing
     * and answers {@code false}, so the link already mailed stays the valid one.
     */
    @CommandHandler
    boolean handle(RequestPasswordResetCommand command) {
        Instant now = now();
        // A reset must not be a way back into a disabled account: no link is mailed.
        if (disabled || !TOKENS.mayMailReset(resetMailedAt, now)) {
            return false;
        }
        IssuedSecret token = Objects.requireNonNull(command.token(), "token");
        apply(new PasswordResetRequested(userId, email, token.hash(), token.sealed(), TOKENS.resetExpiresAt(now), now));
        return true;
    }

    /**
     * A completed reset proves the email: it sets the password, marks the email verified, lifts any lock (the owner
     * always has this way back in), ends every session, and takes off a phone number that was put on the account
     * before the email was proved, so it is no way in any more.
     */
    @CommandHandler
    void handle(CompletePasswordResetCommand command, PasswordPolicy passwordPolicy,
            PasswordEncoder passwordEncoder) {
        Instant now = now();
        if (disabled || resetToken == null || !TOKENS.accepts(resetToken.hash(), resetToken.expiresAt(), command.tokenHash(), now)) {
            throw new UserCommandRejectedException(Reason.INVALID_TOKEN, "token",
                    "the reset link is wrong, expired or already used");
        }
        rejectIfBreaksPasswordPolicy(passwordPolicy, command.newPassword(), "new_password", email, firstName, lastName);
        apply(new PasswordResetCompleted(userId, passwordEncoder.encode(command.newPassword().value()), now));
        if (!emailVerified) {
            apply(new EmailVerified(userId, email, now));
        }
        if (phoneNumber != null && phoneAttachedBeforeEmailProof) {
            apply(new PhoneNumberRemoved(userId, phoneNumber, REMOVED_BY_PASSWORD_RESET, now));
        }
        // always follows, even with no session known here, so subscribers can end sessions they still hold
        apply(new SessionsRevoked(userId, sessionIdsExcept(null), REVOKED_BY_PASSWORD_RESET, now));
    }

    /**
     * Applies the change, or answers why not when the refusal must be recorded: a wrong current password counts
     * toward the lockout. While the account is locked, a password or phone change is refused whatever it carries
     * ({@link Reason#TOO_MANY_REQUESTS}), so a stolen access token cannot go on guessing the password.
     */
    @CommandHandler
    AccountUpdateResult handle(UpdateAccountCommand command, PasswordPolicy passwordPolicy,
            PasswordEncoder passwordEncoder) {
        Instant now = now();
        rejectUnlessSessionActive(command.sessionId(), now);
        String newFirstName = command.firstName() == null ? firstName : command.firstName();
        String newLastName = command.lastName() == null ? lastName : command.lastName();
        boolean namesChange = !newFirstName.equals(firstName) || !newLastName.equals(lastName);
        boolean passwordChanges = command.newPassword() != null;
        boolean phoneChanges = command.newPhoneNumber() != null && !command.newPhoneNumber().equals(phoneNumber);
        if (!namesChange && !passwordChanges && !phoneChanges) {
            throw new UserCommandRejectedException(Reason.INVALID, null, "nothing to change");
        }
        if (passwordChanges || phoneChanges) {
            rejectWhileLocked(now);
            if (!reauthenticated(command, passwordEncoder, now)) {
                return recordFailure(LoginMethod.PASSWORD, REASON_WRONG_CURRENT_PASSWORD, now)
                        .map(lock -> AccountUpdateResult.locked(LOCKOUT.retryAfter(lock, now)))
                        .orElseGet(AccountUpdateResult::wrongCurrentPassword);
            }
        }
        if (passwordChanges) {
            rejectIfBreaksPasswordPolicy(passwordPolicy, command.newPassword(), "password", email, newFirstName,
                    newLastName);
        }
        IssuedSecret phoneCode = null;
        if (phoneChanges) {
            phoneCode = Objects.requireNonNull(command.phoneCode(), "phoneCode is required with a new phone number");
            rejectIfSmsLimitReached(command.newPhoneNumber(), now);
            OTP.phoneChangeRetryAfter(recentPhoneChangeCodes, now).ifPresent(retryAfter -> {
                throw new UserCommandRejectedException(Reason.TOO_MANY_REQUESTS, null,
                        "Too many phone number changes asked for in the last hour; try again later.", retryAfter);
            });
        }

        if (namesChange) {
            apply(new ProfileUpdated(userId, newFirstName, newLastName, now));
        }
        if (passwordChanges) {
            apply(new PasswordChanged(userId, passwordEncoder.encode(command.newPassword().value()), command.sessionId(),
                    now));
            List<String> others = sessionIdsExcept(command.sessionId());
            if (!others.isEmpty()) {
                apply(new SessionsRevoked(userId, others, REVOKED_BY_PASSWORD_CHANGE, now));
            }
        }
        if (phoneChanges) {
            apply(new PhoneChangeRequested(userId, command.newPhoneNumber(), phoneCode.hash(), phoneCode.sealed(),
                    OTP.expiresAt(now), now));
        }
        return AccountUpdateResult.updated();
    }

    /**
     * Answers {@code true} when the new number became the user's and {@code false} when the code was wrong: that
     * try is recorded ({@link OtpVerificationFailed}, the fifth kills the pending change), so it must not throw.
     * Throws {@link Reason#INVALID_TOKEN} when no change is waiting (none asked, expired, killed or done) and
     * {@link Reason#UNAUTHORIZED} when the session has ended.
     */
    @CommandHandler
    PhoneChangeConfirmation handle(ConfirmPhoneChangeCommand command) {
        Instant now = now();
        rejectUnlessSessionActive(command.sessionId(), now);
        if (phoneChange == null || !OTP.isLive(phoneChange.expiresAt(), phoneChange.failedTries(), now)) {
            throw new UserCommandRejectedException(Reason.INVALID_TOKEN, "code",
                    "no phone number change is waiting for a code, or its code has expired");
        }
        if (OTP.matches(phoneChange.codeHash(), command.codeHash())) {
            apply(new PhoneNumberChanged(userId, phoneNumber, phoneChange.newPhoneNumber(), now));
            return PhoneChangeConfirmation.rightCode();
        }
        int tries = phoneChange.failedTries() + 1;
        apply(new OtpVerificationFailed(userId, CodePurpose.PHONE_CHANGE, tries, OTP.killsCode(tries), now));
        return PhoneChangeConfirmation.wrongCode();
    }

    @CommandHandler
    void handle(VerifyEmailCommand command) {
        Instant now = now();
        if (emailVerification == null || !emailVerification.email().equals(email)
                || !TOKENS.accepts(emailVerification.hash(), emailVerification.expiresAt(), command.tokenHash(), now)) {
            throw new UserCommandRejectedException(Reason.INVALID_TOKEN, "token",
                    "the verification link is wrong, expired or already used");
        }
        apply(new EmailVerified(userId, email, now));
    }

    /**
     * Ends one session (a logout, or a reused refresh token on the query side), so a command carrying an access
     * token of it is refused at once rather than when the token expires. Ending a session that has already ended,
     * or never existed, records nothing.
     */
    @CommandHandler
    void handle(EndSessionCommand command) {
        if (command.sessionId() != null && activeSessions.containsKey(command.sessionId())) {
            apply(new SessionsRevoked(userId, List.of(command.sessionId()), command.reason(), now()));
        }
    }

    /**
     * An admin gives the user another role; the same role is no change. Taking the role from the last active admin is
     * refused ({@link Reason#CONFLICT}, see {@link LastAdminPolicy}).
     */
    @CommandHandler
    void handle(ChangeRoleCommand command) {
        if (command.role() == null) {
            throw new UserCommandRejectedException(Reason.INVALID, "role", "role is required");
        }
        if (command.role() == role) {
            return;
        }
        if (command.role() != Role.ADMIN && isActiveAdmin()
                && !ADMINS.mayStopBeingActiveAdmin(command.otherActiveAdmins())) {
            throw new UserCommandRejectedException(Reason.CONFLICT, "role",
                    "This is the last active admin: make another user admin first.");
        }
        apply(new RoleChanged(userId, command.role(), role, now()));
    }

    /**
     * An admin disables the user: every live session ends with it ({@code SessionsRevoked}, reason {@code admin},
     * always applied so subscribers end the sessions they hold). Disabling a disabled user changes nothing and
     * answers {@code false}; disabling the last active admin is refused ({@link Reason#CONFLICT}).
     */
    @CommandHandler
    boolean handle(DisableUserCommand command) {
        if (disabled) {
            return false;
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new UserCommandRejectedException(Reason.INVALID, "reason", "a reason is required");
        }
        if (isActiveAdmin() && !ADMINS.mayStopBeingActiveAdmin(command.otherActiveAdmins())) {
            throw new UserCommandRejectedException(Reason.CONFLICT, null,
                    "This is the last active admin: make another user admin first.");
        }
        Instant now = now();
        apply(new UserDisabled(userId, command.reason(), now));
        apply(new SessionsRevoked(userId, sessionIdsExcept(null), REVOKED_BY_ADMIN, now));
        return true;
    }

    /** Enables a disabled user again; an enabled one is no change ({@code false}). Ended sessions stay ended. */
    @CommandHandler
    boolean handle(EnableUserCommand command) {
        if (!disabled) {
            return false;
        }
        apply(new UserEnabled(userId, now()));
        return true;
    }

    /** Lifts a lock in force (for a time or until a reset) and starts the failure count again; none is no change. */
    @CommandHandler
    boolean handle(UnlockAccountCommand command) {
        Instant now = now();
        if (LOCKOUT.remainingLock(lockedUntil, lockedUntilReset, now).isEmpty()) {
            return false;
        }
        apply(new AccountUnlocked(userId, now));
        return true;
    }

    /**
     * An admin ends one session (refused {@link Reason#NOT_FOUND} when it is not one of the user's live ones) or all
     * of them (always applied, even with none known here, so subscribers end the sessions they hold).
     */
    @CommandHandler
    List<String> handle(RevokeSessionsCommand command) {
        List<String> ended;
        if (command.sessionId() != null) {
            if (!activeSessions.containsKey(command.sessionId())) {
                throw new UserCommandRejectedException(Reason.NOT_FOUND, "session_id",
                        "The user has no live session with this id.");
            }
            ended = List.of(command.sessionId());
        } else {
            ended = sessionIdsExcept(null);
        }
        apply(new SessionsRevoked(userId, ended, REVOKED_BY_ADMIN, now()));
        return ended;
    }

    /**
     * Whether an admin command's access token still speaks for an admin: its session must be live, and the user
     * neither disabled nor demoted since the token was issued.
     */
    @CommandHandler
    void handle(CheckAdminSessionCommand command) {
        rejectUnlessSessionActive(command.sessionId(), now());
        if (role != Role.ADMIN) {
            throw new UserCommandRejectedException(Reason.FORBIDDEN, null,
                    "This needs the admin role, which this account no longer has.");
        }
    }

    private boolean isActiveAdmin() {
        return role == Role.ADMIN && !disabled;
    }

    private LoginResult logIn(String sessionId, LoginMethod method, Instant now) {
        Objects.requireNonNull(sessionId, "sessionId");
        apply(new UserLoggedIn(userId, sessionId, method, now));
        return LoginResult.success(userId, sessionId, now, method, claims());
    }

    private LoginResult loginFailed(LoginMethod method, String reason, Instant now) {
        return recordFailure(method, reason, now)
                .map(lock -> lockedResult(lock, now))
                .orElseGet(() -> LoginResult.badCredentials(userId));
    }

    /** The answer to a login while the account is locked; empty when it is not. */
    private Optional<LoginResult> lockedResult(Instant now) {
        return LOCKOUT.remainingLock(lockedUntil, lockedUntilReset, now).map(remaining -> lockedUntilReset
                ? LoginResult.lockedUntilReset(userId, remaining)
                : LoginResult.locked(userId, remaining));
    }

    private LoginResult lockedResult(Lock lock, Instant now) {
        Duration retryAfter = LOCKOUT.retryAfter(lock, now);
        return lock.untilReset() ? LoginResult.lockedUntilReset(userId, retryAfter)
                : LoginResult.locked(userId, retryAfter);
    }

    /** Records a failed proof of a password or code; answers the lock it brought on, if it did. */
    private Optional<Lock> recordFailure(LoginMethod method, String reason, Instant now) {
        int failures = consecutiveFailures + 1;
        apply(new LoginFailed(userId, method, reason, failures, now));
        Optional<Lock> lock = LOCKOUT.lockAfter(failures, now);
        lock.ifPresent(applied -> apply(new AccountLocked(userId, applied.until(), now, applied.untilReset())));
        return lock;
    }

    private UserClaims claims() {
        return new UserClaims(email, phoneNumber, role, firstName, lastName, emailVerified, phoneVerified);
    }

    private void rejectIfSmsLimitReached(String phone, Instant now) {
        List<Instant> earlier = recentSms.stream().filter(sent -> sent.phoneNumber().equals(phone))
                .map(SmsSent::sentAt).toList();
        OTP.sendRetryAfter(earlier, now).ifPresent(retryAfter -> {
            throw new UserCommandRejectedException(Reason.TOO_MANY_REQUESTS, null,
                    "a code was sent to this number too recently", retryAfter);
        });
    }

    private void rejectUnlessSessionActive(String sessionId, Instant now) {
        if (disabled) {
            throw new UserCommandRejectedException(Reason.FORBIDDEN, null, "This account is disabled.");
        }
        Instant authTime = sessionId == null ? null : activeSessions.get(sessionId);
        if (authTime == null || !SESSIONS.isActive(authTime, now)) {
            throw new UserCommandRejectedException(Reason.UNAUTHORIZED, null, "the session has ended");
        }
    }

    private void rejectWhileLocked(Instant now) {
        LOCKOUT.remainingLock(lockedUntil, lockedUntilReset, now).ifPresent(remaining -> {
            throw new UserCommandRejectedException(Reason.TOO_MANY_REQUESTS, null, lockedUntilReset
                    ? LOCKED_UNTIL_RESET : "Too many failed attempts: the account is locked for a while.", remaining);
        });
    }

    /**
     * Whether the caller proved to be the account holder: {@code false} for a wrong current password, which the
     * caller records; throws when there is no proof at all.
     */
    private boolean reauthenticated(UpdateAccountCommand command, PasswordEncoder passwordEncoder, Instant now) {
        return switch (REAUTHENTICATION.check(command.currentPassword(), passwordHash,
                activeSessions.get(command.sessionId()), now, passwordEncoder)) {
            case ALLOWED -> true;
            case WRONG_PASSWORD -> false;
            case REQUIRED -> throw new UserCommandRejectedException(Reason.REAUTHENTICATION_REQUIRED,
                    "current_password", "this change needs the current password or a login in the last "
                            + ReauthenticationPolicy.RECENT_LOGIN.toMinutes() + " minutes");
        };
    }

    private static void rejectIfBreaksPasswordPolicy(PasswordPolicy passwordPolicy, Password password, String field,
            String email, String firstName, String lastName) {
        if (password == null) {
            throw new UserCommandRejectedException(Reason.INVALID, field, "a password is required");
        }
        passwordPolicy.violation(password, email, firstName, lastName).ifPresent(violation -> {
            throw new UserCommandRejectedException(Reason.INVALID, field, violation);
        });
    }

    /** Known session ids but {@code kept}, sorted so the event is the same on every run. */
    private List<String> sessionIdsExcept(String kept) {
        return activeSessions.keySet().stream().filter(id -> !id.equals(kept)).sorted().toList();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        firstName = event.firstName();
        lastName = event.lastName();
        email = event.email();
        phoneNumber = event.phoneNumber();
        phoneAttachedBeforeEmailProof = true;
        role = event.role();
        passwordHash = event.passwordHash();
    }

    @EventSourcingHandler
    void on(EmailVerificationRequested event) {
        emailVerification = new PendingToken(event.email(), event.tokenHash(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(EmailVerified event) {
        emailVerified = true;
        emailVerification = null;
    }

    @EventSourcingHandler
    void on(OtpRequested event) {
        loginCode = new PendingCode(event.codeHash(), event.expiresAt(), 0);
        recordSms(event.phoneNumber(), event.requestedAt());
    }

    @EventSourcingHandler
    void on(OtpVerificationFailed event) {
        if (event.purpose() == CodePurpose.PHONE_CHANGE) {
            phoneChange = event.codeKilled() || phoneChange == null ? null : phoneChange.withFailedTries(event.failedTries());
        } else {
            loginCode = event.codeKilled() || loginCode == null ? null : loginCode.withFailedTries(event.failedTries());
        }
    }

    @EventSourcingHandler
    void on(OtpVerified event) {
        loginCode = null;
        phoneVerified = true;
    }

    @EventSourcingHandler
    void on(UserLoggedIn event) {
        consecutiveFailures = 0;
        activeSessions.values().removeIf(authTime -> !SESSIONS.isActive(authTime, event.loggedInAt()));
        activeSessions.put(event.sessionId(), event.loggedInAt());
    }

    @EventSourcingHandler
    void on(LoginFailed event) {
        consecutiveFailures = event.consecutiveFailures();
    }

    @EventSourcingHandler
    void on(AccountLocked event) {
        lockedUntil = event.lockedUntil();
        lockedUntilReset = event.untilPasswordReset();
    }

    @EventSourcingHandler
    void on(RoleChanged event) {
        role = event.role();
    }

    @EventSourcingHandler
    void on(UserDisabled event) {
        disabled = true;
        // codes and links sent before must not open the account
        loginCode = null;
        phoneChange = null;
        resetToken = null;
    }

    @EventSourcingHandler
    void on(UserEnabled event) {
        disabled = false;
    }

    @EventSourcingHandler
    void on(AccountUnlocked event) {
        consecutiveFailures = 0;
        lockedUntil = null;
        lockedUntilReset = false;
    }

    @EventSourcingHandler
    void on(PasswordRehashed event) {
        passwordHash = event.passwordHash();
    }

    @EventSourcingHandler
    void on(PasswordResetRequested event) {
        resetToken = new PendingToken(event.email(), event.tokenHash(), event.expiresAt());
        resetMailedAt = event.requestedAt();
    }

    @EventSourcingHandler
    void on(PasswordResetCompleted event) {
        passwordHash = event.passwordHash();
        resetToken = null;
        consecutiveFailures = 0;
        lockedUntil = null;
        lockedUntilReset = false;
    }

    @EventSourcingHandler
    void on(PasswordChanged event) {
        passwordHash = event.passwordHash();
    }

    @EventSourcingHandler
    void on(SessionsRevoked event) {
        event.sessionIds().forEach(activeSessions::remove);
    }

    @EventSourcingHandler
    void on(ProfileUpdated event) {
        firstName = event.firstName();
        lastName = event.lastName();
    }

    @EventSourcingHandler
    void on(PhoneChangeRequested event) {
        phoneChange = new PendingPhoneChange(event.newPhoneNumber(), event.codeHash(), event.expiresAt(), 0);
        recordSms(event.newPhoneNumber(), event.requestedAt());
        recentPhoneChangeCodes.removeIf(sentAt -> !OTP.withinSendWindow(sentAt, event.requestedAt()));
        recentPhoneChangeCodes.add(event.requestedAt());
    }

    @EventSourcingHandler
    void on(PhoneNumberChanged event) {
        phoneNumber = event.phoneNumber();
        phoneAttachedBeforeEmailProof = !emailVerified;
        phoneVerified = true;
        phoneChange = null;
        // a login code sent to the old number must not open the account any more
        loginCode = null;
    }

    @EventSourcingHandler
    void on(PhoneNumberRemoved event) {
        phoneNumber = null;
        phoneVerified = false;
        phoneAttachedBeforeEmailProof = false;
        loginCode = null;
    }

    private void recordSms(String phone, Instant sentAt) {
        recentSms.removeIf(sent -> !OTP.withinSendWindow(sent.sentAt(), sentAt));
        recentSms.add(new SmsSent(phone, sentAt));
    }

    /** How many sessions are live, for the weight of a user kept in memory. */
    int liveSessions() {
        return activeSessions.size();
    }

    record PendingCode(String hash, Instant expiresAt, int failedTries) {

        PendingCode withFailedTries(int tries) {
            return new PendingCode(hash, expiresAt, tries);
        }
    }

    record PendingPhoneChange(String newPhoneNumber, String codeHash, Instant expiresAt, int failedTries) {

        PendingPhoneChange withFailedTries(int tries) {
            return new PendingPhoneChange(newPhoneNumber, codeHash, expiresAt, tries);
        }
    }

    record PendingToken(String email, String hash, Instant expiresAt) {
    }

    record SmsSent(String phoneNumber, Instant sentAt) {
    }
}
