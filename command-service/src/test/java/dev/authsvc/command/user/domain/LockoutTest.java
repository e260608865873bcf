package dev.authsvc.command.user.domain;

import static dev.authsvc.command.user.domain.UserFixtures.CODE_A;
import static dev.authsvc.command.user.domain.UserFixtures.CODE_B;
import static dev.authsvc.command.user.domain.UserFixtures.ENCODER;
import static dev.authsvc.command.user.domain.UserFixtures.NEW_PASSWORD;
import static dev.authsvc.command.user.domain.UserFixtures.PASSWORD;
import static dev.authsvc.command.user.domain.UserFixtures.SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.T0;
import static dev.authsvc.command.user.domain.UserFixtures.USER_ID;
import static dev.authsvc.command.user.domain.UserFixtures.WRONG_HASH;
import static dev.authsvc.command.user.domain.UserFixtures.issued;
import static dev.authsvc.command.user.domain.UserFixtures.loggedIn;
import static dev.authsvc.command.user.domain.UserFixtures.newFixture;
import static dev.authsvc.command.user.domain.UserFixtures.otpRequested;
import static dev.authsvc.command.user.domain.UserFixtures.registered;
import static dev.authsvc.command.user.domain.UserFixtures.rejectedWithRetryAfter;
import static dev.authsvc.command.user.domain.UserFixtures.wrongPasswords;

import dev.authsvc.command.user.api.CodePurpose;
import dev.authsvc.command.user.api.AccountLocked;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.LoginMethod;
import dev.authsvc.command.user.api.LoginResult;
import dev.authsvc.command.user.api.OtpVerificationFailed;
import dev.authsvc.command.user.api.OtpVerified;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.PasswordResetCompleted;
import dev.authsvc.command.user.api.RequestOtpCommand;
import dev.authsvc.command.user.api.UserLoggedIn;
import dev.authsvc.command.user.api.VerifyOtpCommand;
import dev.authsvc.command.user.api.VerifyPasswordCommand;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LockoutTest {

    private static final Instant LOCKED_AT = T0.plus(Duration.ofMinutes(2));
    private static final Instant LOCK_ENDS = LOCKED_AT.plus(LockoutPolicy.LOCK_DURATION);

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private static VerifyPasswordCommand login(String password) {
        return new VerifyPasswordCommand(USER_ID, new Password(password), SESSION);
    }

    private static LoginFailed wrongPassword(int consecutiveFailures, Instant at) {
        return new LoginFailed(USER_ID, LoginMethod.PASSWORD, User.REASON_WRONG_PASSWORD, consecutiveFailures, at);
    }

    @Test
    void tenthFailureInARow_locksTheAccountForFifteenMinutes() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 9, T0))
                .andGivenCurrentTime(LOCKED_AT)
                .when(login("wrong_password_10"))
                .expectEvents(wrongPassword(10, LOCKED_AT), new AccountLocked(USER_ID, LOCK_ENDS, LOCKED_AT))
                .expectResultMessagePayload(LoginResult.locked(USER_ID, LockoutPolicy.LOCK_DURATION));
    }

    @Test
    void ninthFailureInARow_doesNotLock() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 8, T0))
                .andGivenCurrentTime(LOCKED_AT)
                .when(login("wrong_password_9"))
                .expectEvents(wrongPassword(9, LOCKED_AT))
                .expectResultMessagePayload(LoginResult.badCredentials(USER_ID));
    }

    @Test
    void failuresOfBothMethods_countTogether() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 9, T0))
                .andGiven(otpRequested(CODE_A, T0))
                .andGivenCurrentTime(LOCKED_AT)
                .when(new VerifyOtpCommand(USER_ID, WRONG_HASH, SESSION))
                .expectEvents(new OtpVerificationFailed(USER_ID, CodePurpose.LOGIN, 1, false, LOCKED_AT),
                        new LoginFailed(USER_ID, LoginMethod.OTP, User.REASON_WRONG_CODE, 10, LOCKED_AT),
                        new AccountLocked(USER_ID, LOCK_ENDS, LOCKED_AT));
    }

    @Test
    void requestingANewCode_doesNotResetTheFailureCount() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 9, T0))
                .andGivenCommands(new RequestOtpCommand(USER_ID, issued(CODE_A)))
                .andGivenCurrentTime(LOCKED_AT)
                .when(new VerifyOtpCommand(USER_ID, WRONG_HASH, SESSION))
                .expectEvents(new OtpVerificationFailed(USER_ID, CodePurpose.LOGIN, 1, false, LOCKED_AT),
                        new LoginFailed(USER_ID, LoginMethod.OTP, User.REASON_WRONG_CODE, 10, LOCKED_AT),
                        new AccountLocked(USER_ID, LOCK_ENDS, LOCKED_AT))
                .expectResultMessagePayload(LoginResult.locked(USER_ID, LockoutPolicy.LOCK_DURATION));
    }

    @Test
    void lockedAccount_refusesEvenTheRightPasswordAndRecordsNothing() {
        Instant almostOver = LOCK_ENDS.minusSeconds(1);
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 10, LOCKED_AT))
                .andGiven(new AccountLocked(USER_ID, LOCK_ENDS, LOCKED_AT))
                .andGivenCurrentTime(almostOver)
                .when(login(PASSWORD))
                .expectNoEvents()
                .expectResultMessagePayload(LoginResult.locked(USER_ID, Duration.ofSeconds(1)));
    }

    @Test
    void lockedAccount_refusesEvenTheRightCodeAndRecordsNothing() {
        Instant whileLocked = LOCKED_AT.plusSeconds(60);
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 10, LOCKED_AT))
                .andGiven(new AccountLocked(USER_ID, LOCK_ENDS, LOCKED_AT), otpRequested(CODE_A, LOCKED_AT))
                .andGivenCurrentTime(whileLocked)
                .when(new VerifyOtpCommand(USER_ID, CODE_A, SESSION))
                .expectNoEvents()
                .expectResultMessagePayload(LoginResult.locked(USER_ID, Duration.ofMinutes(14)));
    }

    @Test
    void lockExpiresAfterFifteenMinutes() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 10, LOCKED_AT))
                .andGiven(new AccountLocked(USER_ID, LOCK_ENDS, LOCKED_AT))
                .andGivenCurrentTime(LOCK_ENDS)
                .when(login(PASSWORD))
                .expectEvents(new UserLoggedIn(USER_ID, SESSION, LoginMethod.PASSWORD, LOCK_ENDS));
    }

    @Test
    void afterALockEnds_theCountGoesOnFromTen() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 10, LOCKED_AT))
                .andGiven(new AccountLocked(USER_ID, LOCK_ENDS, LOCKED_AT))
                .andGivenCurrentTime(LOCK_ENDS)
                .when(login("still_wrong"))
                .expectEvents(wrongPassword(11, LOCK_ENDS))
                .expectResultMessagePayload(LoginResult.badCredentials(USER_ID));
    }

    @Test
    void twentiethFailureInARow_locksForThirtyMinutes() {
        Instant later = LOCK_ENDS.plusSeconds(60);
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 10, LOCKED_AT))
                .andGiven(new AccountLocked(USER_ID, LOCK_ENDS, LOCKED_AT))
                .andGiven(wrongPasswords(11, 9, later))
                .andGivenCurrentTime(later)
                .when(login("wrong_password_20"))
                .expectEvents(wrongPassword(20, later),
                        new AccountLocked(USER_ID, later.plus(Duration.ofMinutes(30)), later))
                .expectResultMessagePayload(LoginResult.locked(USER_ID, Duration.ofMinutes(30)));
    }

    @Test
    void hundredthFailureInARow_locksUntilAPasswordReset() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 99, T0))
                .andGivenCurrentTime(LOCKED_AT)
                .when(login("wrong_password_100"))
                .expectEvents(wrongPassword(100, LOCKED_AT), new AccountLocked(USER_ID, null, LOCKED_AT, true))
                .expectResultMessagePayload(
                        LoginResult.lockedUntilReset(USER_ID, LockoutPolicy.UNTIL_RESET_RETRY_AFTER));
    }

    @Test
    void lockUntilReset_refusesTheRightPasswordAYearLater_andRecordsNothing() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 100, LOCKED_AT))
                .andGiven(new AccountLocked(USER_ID, null, LOCKED_AT, true))
                .andGivenCurrentTime(LOCKED_AT.plus(Duration.ofDays(365)))
                .when(login(PASSWORD))
                .expectNoEvents()
                .expectResultMessagePayload(
                        LoginResult.lockedUntilReset(USER_ID, LockoutPolicy.UNTIL_RESET_RETRY_AFTER));
    }

    @Test
    void lockUntilReset_refusesTheRightCodeToo() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 100, LOCKED_AT))
                .andGiven(new AccountLocked(USER_ID, null, LOCKED_AT, true), otpRequested(CODE_A, LOCKED_AT))
                .andGivenCurrentTime(LOCKED_AT.plusSeconds(60))
                .when(new VerifyOtpCommand(USER_ID, CODE_A, SESSION))
                .expectNoEvents()
                .expectResultMessagePayload(
                        LoginResult.lockedUntilReset(USER_ID, LockoutPolicy.UNTIL_RESET_RETRY_AFTER));
    }

    @Test
    void aCompletedReset_liftsALockUntilReset_andTheNewPasswordLogsIn() {
        Instant resetAt = LOCKED_AT.plus(Duration.ofDays(3));
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 100, LOCKED_AT))
                .andGiven(new AccountLocked(USER_ID, null, LOCKED_AT, true))
                .andGiven(new PasswordResetCompleted(USER_ID, ENCODER.encode(NEW_PASSWORD), resetAt))
                .andGivenCurrentTime(resetAt.plusSeconds(1))
                .when(login(NEW_PASSWORD))
                .expectEvents(new UserLoggedIn(USER_ID, SESSION, LoginMethod.PASSWORD, resetAt.plusSeconds(1)));
    }

    @Test
    void aCompletedReset_liftsATimedLockAtOnce() {
        Instant resetAt = LOCKED_AT.plusSeconds(60);
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 10, LOCKED_AT))
                .andGiven(new AccountLocked(USER_ID, LOCK_ENDS, LOCKED_AT))
                .andGiven(new PasswordResetCompleted(USER_ID, ENCODER.encode(NEW_PASSWORD), resetAt))
                .andGivenCurrentTime(resetAt.plusSeconds(1))
                .when(login(NEW_PASSWORD))
                .expectEvents(new UserLoggedIn(USER_ID, SESSION, LoginMethod.PASSWORD, resetAt.plusSeconds(1)));
    }

    @Test
    void aCompletedReset_startsTheCountAgain() {
        Instant resetAt = LOCKED_AT.plusSeconds(60);
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 95, LOCKED_AT))
                .andGiven(new PasswordResetCompleted(USER_ID, ENCODER.encode(NEW_PASSWORD), resetAt))
                .andGivenCurrentTime(resetAt.plusSeconds(1))
                .when(login("wrong_again"))
                .expectEvents(wrongPassword(1, resetAt.plusSeconds(1)));
    }

    @Test
    void codeRequestWhileLockedUntilReset_isRefusedWithRetryAfter() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 100, LOCKED_AT))
                .andGiven(new AccountLocked(USER_ID, null, LOCKED_AT, true))
                .andGivenCurrentTime(LOCKED_AT.plus(Duration.ofDays(30)))
                .when(new RequestOtpCommand(USER_ID, issued(CODE_A)))
                .expectNoEvents()
                .expectException(rejectedWithRetryAfter(LockoutPolicy.UNTIL_RESET_RETRY_AFTER));
    }

    @Test
    void successfulLogin_startsTheCountAgain() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 9, T0))
                .andGiven(loggedIn(SESSION, T0))
                .andGivenCurrentTime(LOCKED_AT)
                .when(login("wrong_again"))
                .expectEvents(wrongPassword(1, LOCKED_AT));
    }

    @Test
    void successfulOtpLogin_startsTheCountAgain() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 9, T0))
                .andGiven(otpRequested(CODE_B, T0), new OtpVerified(USER_ID, T0),
                        new UserLoggedIn(USER_ID, SESSION, LoginMethod.OTP, T0))
                .andGivenCurrentTime(LOCKED_AT)
                .when(login("wrong_again"))
                .expectEvents(wrongPassword(1, LOCKED_AT));
    }

    @Test
    void codeRequestWhileLocked_isRefusedUntilTheLockEnds() {
        Instant whileLocked = LOCKED_AT.plusSeconds(60);
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(wrongPasswords(1, 10, LOCKED_AT))
                .andGiven(new AccountLocked(USER_ID, LOCK_ENDS, LOCKED_AT))
                .andGivenCurrentTime(whileLocked)
                .when(new RequestOtpCommand(USER_ID, issued(CODE_A)))
                .expectNoEvents()
                .expectException(rejectedWithRetryAfter(Duration.ofMinutes(14)));
    }
}
