package dev.authsvc.command.user.domain;

import static dev.authsvc.command.user.domain.UserFixtures.ENCODER;
import static dev.authsvc.command.user.domain.UserFixtures.PASSWORD;
import static dev.authsvc.command.user.domain.UserFixtures.SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.T0;
import static dev.authsvc.command.user.domain.UserFixtures.USER_ID;
import static dev.authsvc.command.user.domain.UserFixtures.claims;
import static dev.authsvc.command.user.domain.UserFixtures.newFixture;
import static dev.authsvc.command.user.domain.UserFixtures.payload;
import static dev.authsvc.command.user.domain.UserFixtures.registered;
import static dev.authsvc.command.user.domain.UserFixtures.registeredWithHash;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import dev.authsvc.command.user.api.AccountLocked;
import dev.authsvc.command.user.api.EmailVerified;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.LoginMethod;
import dev.authsvc.command.user.api.LoginResult;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.PasswordChanged;
import dev.authsvc.command.user.api.PasswordCheck;
import dev.authsvc.command.user.api.PasswordRehashed;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.UserClaims;
import dev.authsvc.command.user.api.UserLoggedIn;
import dev.authsvc.command.user.api.VerifyPasswordCommand;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordLoginTest {

    private static final Instant LATER = T0.plusSeconds(90);

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private static VerifyPasswordCommand login(String password) {
        return new VerifyPasswordCommand(USER_ID, new Password(password), SESSION);
    }

    @Test
    void rightPassword_startsASessionAndAnswersTheClaims() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGivenCurrentTime(LATER)
                .when(login(PASSWORD))
                .expectEvents(new UserLoggedIn(USER_ID, SESSION, LoginMethod.PASSWORD, LATER))
                .expectResultMessagePayload(LoginResult.success(USER_ID, SESSION, LATER, LoginMethod.PASSWORD, claims()));
    }

    @Test
    void claims_reflectTheVerifiedEmail() {
        UserClaims verifiedEmail = new UserClaims(UserFixtures.EMAIL, UserFixtures.PHONE, Role.EMPLOYEE,
                UserFixtures.FIRST_NAME, UserFixtures.LAST_NAME, true, false);
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), new EmailVerified(USER_ID, UserFixtures.EMAIL, T0))
                .andGivenCurrentTime(LATER)
                .when(login(PASSWORD))
                .expectResultMessagePayload(
                        LoginResult.success(USER_ID, SESSION, LATER, LoginMethod.PASSWORD, verifiedEmail));
    }

    @Test
    void wrongPassword_isRecordedAndAnsweredWithoutThrowing() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGivenCurrentTime(LATER)
                .when(login("not_my_password"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new LoginFailed(USER_ID, LoginMethod.PASSWORD, User.REASON_WRONG_PASSWORD, 1, LATER))
                .expectResultMessagePayload(LoginResult.badCredentials(USER_ID));
    }

    @Test
    void hashInAnOutdatedEncoding_isUpgradedAtLogin() {
        fixture.givenCurrentTime(T0)
                .andGiven(registeredWithHash("{noop}" + PASSWORD))
                .andGivenCurrentTime(LATER)
                .when(login(PASSWORD))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        payload(PasswordRehashed.class, "with a bcrypt hash of the same password", e ->
                                e.passwordHash().startsWith("{bcrypt}") && ENCODER.matches(PASSWORD, e.passwordHash())
                                        && e.rehashedAt().equals(LATER)),
                        payload(new UserLoggedIn(USER_ID, SESSION, LoginMethod.PASSWORD, LATER)),
                        andNoMore())));
    }

    @Test
    void aPasswordTooLongForBcrypt_logsInWithItsOutdatedHashKept() {
        String longPassword = "🔑".repeat(19);
        fixture.givenCurrentTime(T0)
                .andGiven(registeredWithHash("{noop}" + longPassword))
                .andGivenCurrentTime(LATER)
                .when(login(longPassword))
                .expectEvents(new UserLoggedIn(USER_ID, SESSION, LoginMethod.PASSWORD, LATER));
    }

    @Test
    void rehashedPassword_stillLogsIn() {
        fixture.givenCurrentTime(T0)
                .andGiven(registeredWithHash("{noop}" + PASSWORD),
                        new PasswordRehashed(USER_ID, UserFixtures.PASSWORD_HASH, T0))
                .andGivenCurrentTime(LATER)
                .when(login(PASSWORD))
                .expectEvents(new UserLoggedIn(USER_ID, SESSION, LoginMethod.PASSWORD, LATER));
    }

    private static VerifyPasswordCommand loginChecked(String password, String checkedHash, boolean matched) {
        return new VerifyPasswordCommand(USER_ID, new Password(password), SESSION,
                new PasswordCheck(checkedHash, matched));
    }

    @Test
    void aCheckMadeAgainstTheCurrentHash_decides_withoutVerifyingAgain() {
        // The check says "matched" for a password that is not the user's: only a check taken as is can log it in.
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGivenCurrentTime(LATER)
                .when(loginChecked("not_my_password", UserFixtures.PASSWORD_HASH, true))
                .expectEvents(new UserLoggedIn(USER_ID, SESSION, LoginMethod.PASSWORD, LATER));
    }

    @Test
    void aFailedCheckAgainstTheCurrentHash_isRecordedAsAFailedLogin() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGivenCurrentTime(LATER)
                .when(loginChecked(PASSWORD, UserFixtures.PASSWORD_HASH, false))
                .expectEvents(new LoginFailed(USER_ID, LoginMethod.PASSWORD, User.REASON_WRONG_PASSWORD, 1, LATER))
                .expectResultMessagePayload(LoginResult.badCredentials(USER_ID));
    }

    @Test
    void aCheckMadeAgainstAHashChangedSince_isVerifiedAgainInside() {
        // The password changed between the check and the command: the old password's "matched" must not log in.
        String oldHash = ENCODER.encode("the_old_password");
        fixture.givenCurrentTime(T0)
                .andGiven(registeredWithHash(oldHash),
                        new PasswordChanged(USER_ID, UserFixtures.PASSWORD_HASH, SESSION, T0))
                .andGivenCurrentTime(LATER)
                .when(loginChecked("the_old_password", oldHash, true))
                .expectEvents(new LoginFailed(USER_ID, LoginMethod.PASSWORD, User.REASON_WRONG_PASSWORD, 1, LATER));
    }

    @Test
    void aLockedAccount_refusesEvenARightCheck_andRecordsNothing() {
        Instant lockedAt = T0.plusSeconds(10);
        Instant lockEnds = lockedAt.plus(LockoutPolicy.LOCK_DURATION);
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGiven(UserFixtures.wrongPasswords(1, 10, lockedAt))
                .andGiven(new AccountLocked(USER_ID, lockEnds, lockedAt, false))
                .andGivenCurrentTime(LATER)
                .when(loginChecked(PASSWORD, UserFixtures.PASSWORD_HASH, true))
                .expectNoEvents()
                .expectResultMessagePayload(LoginResult.locked(USER_ID, java.time.Duration.between(LATER, lockEnds)));
    }
}
