package dev.authsvc.command.user.domain;

import static dev.authsvc.command.user.domain.UserFixtures.CODE_B;
import static dev.authsvc.command.user.domain.UserFixtures.NEW_PASSWORD;
import static dev.authsvc.command.user.domain.UserFixtures.NEW_PHONE;
import static dev.authsvc.command.user.domain.UserFixtures.PASSWORD;
import static dev.authsvc.command.user.domain.UserFixtures.SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.T0;
import static dev.authsvc.command.user.domain.UserFixtures.USER_ID;
import static dev.authsvc.command.user.domain.UserFixtures.loggedIn;
import static dev.authsvc.command.user.domain.UserFixtures.namesUpdate;
import static dev.authsvc.command.user.domain.UserFixtures.newFixture;
import static dev.authsvc.command.user.domain.UserFixtures.passwordUpdate;
import static dev.authsvc.command.user.domain.UserFixtures.phoneUpdate;
import static dev.authsvc.command.user.domain.UserFixtures.registered;
import static dev.authsvc.command.user.domain.UserFixtures.rejectedWithRetryAfter;
import static dev.authsvc.command.user.domain.UserFixtures.wrongPasswords;

import dev.authsvc.command.user.api.AccountLocked;
import dev.authsvc.command.user.api.AccountUpdateResult;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.LoginMethod;
import dev.authsvc.command.user.api.LoginResult;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.ProfileUpdated;
import dev.authsvc.command.user.api.UpdateAccountCommand;
import dev.authsvc.command.user.api.VerifyPasswordCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A wrong {@code current_password} on an account update is a password guess: it counts toward the lockout like a
 * failed password login, so a stolen access token cannot be used to guess the password without limit.
 */
class WrongCurrentPasswordTest {

    private static final Instant GUESSING = T0.plus(Duration.ofMinutes(1));
    private static final Instant LOCK_ENDS = GUESSING.plus(LockoutPolicy.LOCK_DURATION);

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private static UpdateAccountCommand guess(int n) {
        return passwordUpdate(SESSION, NEW_PASSWORD, "guess_number_" + n);
    }

    private static LoginFailed wrongCurrentPassword(int consecutiveFailures, Instant at) {
        return new LoginFailed(USER_ID, LoginMethod.PASSWORD, User.REASON_WRONG_CURRENT_PASSWORD, consecutiveFailures,
                at);
    }

    private static List<Object> guesses(int count) {
        List<Object> commands = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            commands.add(guess(i));
        }
        return commands;
    }

    /** Registered and logged in at T0; the clock at GUESSING. */
    private TestExecutor<User> loggedInAndGuessing() {
        return fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(GUESSING);
    }

    /** Then ten wrong current passwords at GUESSING: locked until LOCK_ENDS. */
    private TestExecutor<User> lockedByTenGuesses() {
        return loggedInAndGuessing().andGivenCommands(guesses(10));
    }

    @Test
    void wrongCurrentPassword_isRecordedAsAFailedPasswordLogin_andChangesNothing() {
        var namesAndPassword = new UpdateAccountCommand(USER_ID, SESSION, "Mallory", null, null, null,
                new Password(NEW_PASSWORD), new Password("not_my_password"));
        loggedInAndGuessing()
                .when(namesAndPassword)
                .expectEvents(wrongCurrentPassword(1, GUESSING))
                .expectResultMessagePayload(AccountUpdateResult.wrongCurrentPassword());
    }

    @Test
    void wrongCurrentPasswordTenTimes_locksTheAccount() {
        loggedInAndGuessing()
                .andGivenCommands(guesses(9))
                .when(guess(10))
                .expectEvents(wrongCurrentPassword(10, GUESSING), new AccountLocked(USER_ID, LOCK_ENDS, GUESSING))
                .expectResultMessagePayload(AccountUpdateResult.locked(LockoutPolicy.LOCK_DURATION));
    }

    @Test
    void wrongCurrentPasswordNineTimes_doesNotLock() {
        loggedInAndGuessing()
                .andGivenCommands(guesses(8))
                .when(guess(9))
                .expectEvents(wrongCurrentPassword(9, GUESSING))
                .expectResultMessagePayload(AccountUpdateResult.wrongCurrentPassword());
    }

    @Test
    void wrongCurrentPasswords_andFailedLogins_countTogether() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGiven(wrongPasswords(1, 9, T0))
                .andGivenCurrentTime(GUESSING)
                .when(guess(1))
                .expectEvents(wrongCurrentPassword(10, GUESSING), new AccountLocked(USER_ID, LOCK_ENDS, GUESSING));
    }

    @Test
    void aLockByWrongCurrentPasswords_refusesTheLoginToo() {
        lockedByTenGuesses()
                .when(new VerifyPasswordCommand(USER_ID, new Password(PASSWORD), "session-9"))
                .expectNoEvents()
                .expectResultMessagePayload(LoginResult.locked(USER_ID, LockoutPolicy.LOCK_DURATION));
    }

    @Test
    void lockedAccount_refusesAPasswordChangeEvenWithTheRightCurrentPassword() {
        Instant whileLocked = GUESSING.plusSeconds(60);
        lockedByTenGuesses()
                .andGivenCurrentTime(whileLocked)
                .when(passwordUpdate(SESSION, NEW_PASSWORD, PASSWORD))
                .expectNoEvents()
                .expectException(rejectedWithRetryAfter(Duration.ofMinutes(14)));
    }

    @Test
    void lockedAccount_refusesAPhoneChangeEvenRightAfterLogin() {
        Instant whileLocked = GUESSING.plusSeconds(60);
        lockedByTenGuesses()
                .andGivenCurrentTime(whileLocked)
                .when(phoneUpdate(SESSION, NEW_PHONE, CODE_B, null))
                .expectNoEvents()
                .expectException(rejectedWithRetryAfter(Duration.ofMinutes(14)));
    }

    @Test
    void lockedAccount_stillChangesNames_whichNeedNoPassword() {
        Instant whileLocked = GUESSING.plusSeconds(60);
        lockedByTenGuesses()
                .andGivenCurrentTime(whileLocked)
                .when(namesUpdate(SESSION, "John", "Doe"))
                .expectEvents(new ProfileUpdated(USER_ID, "John", "Doe", whileLocked));
    }

    @Test
    void afterTheLockEnds_theRightCurrentPasswordChangesThePassword() {
        lockedByTenGuesses()
                .andGivenCurrentTime(LOCK_ENDS)
                .when(passwordUpdate(SESSION, NEW_PASSWORD, PASSWORD))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(AccountUpdateResult.updated());
    }

    @Test
    void afterTheLockEnds_aWrongCurrentPasswordCountsOnFromTen() {
        lockedByTenGuesses()
                .andGivenCurrentTime(LOCK_ENDS)
                .when(guess(11))
                .expectEvents(wrongCurrentPassword(11, LOCK_ENDS))
                .expectResultMessagePayload(AccountUpdateResult.wrongCurrentPassword());
    }
}
