package dev.authsvc.command.user.domain;

import static dev.authsvc.command.user.domain.UserFixtures.CODE_A;
import static dev.authsvc.command.user.domain.UserFixtures.EMAIL;
import static dev.authsvc.command.user.domain.UserFixtures.FIRST_NAME;
import static dev.authsvc.command.user.domain.UserFixtures.LAST_NAME;
import static dev.authsvc.command.user.domain.UserFixtures.OTHER_SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.PASSWORD;
import static dev.authsvc.command.user.domain.UserFixtures.PASSWORD_HASH;
import static dev.authsvc.command.user.domain.UserFixtures.PHONE;
import static dev.authsvc.command.user.domain.UserFixtures.SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.T0;
import static dev.authsvc.command.user.domain.UserFixtures.TOKEN_A;
import static dev.authsvc.command.user.domain.UserFixtures.USER_ID;
import static dev.authsvc.command.user.domain.UserFixtures.issued;
import static dev.authsvc.command.user.domain.UserFixtures.loggedIn;
import static dev.authsvc.command.user.domain.UserFixtures.namesUpdate;
import static dev.authsvc.command.user.domain.UserFixtures.newFixture;
import static dev.authsvc.command.user.domain.UserFixtures.otpRequested;
import static dev.authsvc.command.user.domain.UserFixtures.registered;
import static dev.authsvc.command.user.domain.UserFixtures.rejected;
import static dev.authsvc.command.user.domain.UserFixtures.sealed;
import static dev.authsvc.command.user.domain.UserFixtures.wrongPasswords;

import dev.authsvc.command.user.api.AccountLocked;
import dev.authsvc.command.user.api.AccountUnlocked;
import dev.authsvc.command.user.api.ChangeRoleCommand;
import dev.authsvc.command.user.api.CheckAdminSessionCommand;
import dev.authsvc.command.user.api.CompletePasswordResetCommand;
import dev.authsvc.command.user.api.DisableUserCommand;
import dev.authsvc.command.user.api.EnableUserCommand;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.LoginMethod;
import dev.authsvc.command.user.api.LoginResult;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.PasswordResetRequested;
import dev.authsvc.command.user.api.RequestOtpCommand;
import dev.authsvc.command.user.api.RequestPasswordResetCommand;
import dev.authsvc.command.user.api.RevokeSessionsCommand;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.RoleChanged;
import dev.authsvc.command.user.api.SessionsRevoked;
import dev.authsvc.command.user.api.UnlockAccountCommand;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import dev.authsvc.command.user.api.UserDisabled;
import dev.authsvc.command.user.api.UserEnabled;
import dev.authsvc.command.user.api.UserRegistered;
import dev.authsvc.command.user.api.VerifyOtpCommand;
import dev.authsvc.command.user.api.VerifyPasswordCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin commands on a user and the rules they enforce: last admin, disabled accounts, unlock, revocation. */
class AdminCommandsTest {

    private static final Instant LATER = T0.plus(Duration.ofMinutes(3));
    private static final String REASON = "left the company";

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private static UserRegistered registeredAdmin() {
        return new UserRegistered(USER_ID, FIRST_NAME, LAST_NAME, EMAIL, PHONE, Role.ADMIN, PASSWORD_HASH, T0);
    }

    @Test
    void changingTheRole_recordsTheNewAndThePreviousRole() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGivenCurrentTime(LATER)
                .when(new ChangeRoleCommand(USER_ID, Role.AUDITOR, 1))
                .expectEvents(new RoleChanged(USER_ID, Role.AUDITOR, Role.EMPLOYEE, LATER));
    }

    @Test
    void givingTheRoleTheUserHas_recordsNothing() {
        fixture.given(registered())
                .when(new ChangeRoleCommand(USER_ID, Role.EMPLOYEE, 0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void demotingTheLastActiveAdmin_isRefusedAsAConflict() {
        fixture.given(registeredAdmin())
                .when(new ChangeRoleCommand(USER_ID, Role.EMPLOYEE, 0))
                .expectNoEvents()
                .expectException(rejected(Reason.CONFLICT, "role"));
    }

    @Test
    void demotingAnAdmin_whileAnotherActiveAdminRemains_isAllowed() {
        fixture.givenCurrentTime(T0)
                .andGiven(registeredAdmin())
                .andGivenCurrentTime(LATER)
                .when(new ChangeRoleCommand(USER_ID, Role.MANAGER, 1))
                .expectEvents(new RoleChanged(USER_ID, Role.MANAGER, Role.ADMIN, LATER));
    }

    @Test
    void demotingADisabledAdmin_needsNoOtherAdmin_itIsNotAnActiveOne() {
        fixture.givenCurrentTime(T0)
                .andGiven(registeredAdmin(), new UserDisabled(USER_ID, REASON, T0))
                .andGivenCurrentTime(LATER)
                .when(new ChangeRoleCommand(USER_ID, Role.EMPLOYEE, 0))
                .expectEvents(new RoleChanged(USER_ID, Role.EMPLOYEE, Role.ADMIN, LATER));
    }

    @Test
    void disablingTheLastActiveAdmin_isRefusedAsAConflict() {
        fixture.given(registeredAdmin(), loggedIn(SESSION, T0))
                .when(new DisableUserCommand(USER_ID, REASON, 0))
                .expectNoEvents()
                .expectException(rejected(Reason.CONFLICT, null));
    }

    @Test
    void disabling_endsEveryLiveSessionWithReasonAdmin() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), loggedIn(OTHER_SESSION, T0))
                .andGivenCurrentTime(LATER)
                .when(new DisableUserCommand(USER_ID, REASON, 0))
                .expectEvents(new UserDisabled(USER_ID, REASON, LATER),
                        new SessionsRevoked(USER_ID, List.of(SESSION, OTHER_SESSION), "admin", LATER))
                .expectResultMessagePayload(true);
    }

    @Test
    void disablingADisabledUser_recordsNothing() {
        fixture.given(registered(), new UserDisabled(USER_ID, REASON, T0))
                .when(new DisableUserCommand(USER_ID, "again", 0))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void disablingWithoutAReason_isRefused() {
        fixture.given(registered())
                .when(new DisableUserCommand(USER_ID, " ", 0))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID, "reason"));
    }

    @Test
    void enablingADisabledUser_recordsIt_andEnablingAnEnabledOneRecordsNothing() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), new UserDisabled(USER_ID, REASON, T0))
                .andGivenCurrentTime(LATER)
                .when(new EnableUserCommand(USER_ID))
                .expectEvents(new UserEnabled(USER_ID, LATER))
                .expectResultMessagePayload(true);
        newFixture().given(registered())
                .when(new EnableUserCommand(USER_ID))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aDisabledUser_withTheRightPassword_isToldTheAccountIsDisabled_andNoSessionStarts() {
        fixture.given(registered(), new UserDisabled(USER_ID, REASON, T0))
                .when(new VerifyPasswordCommand(USER_ID, new Password(PASSWORD), SESSION))
                .expectNoEvents()
                .expectResultMessagePayload(LoginResult.disabled(USER_ID));
    }

    @Test
    void aDisabledUser_withAWrongPassword_getsTheAnswerOfAnyWrongPassword() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), new UserDisabled(USER_ID, REASON, T0))
                .when(new VerifyPasswordCommand(USER_ID, new Password("wrong password"), SESSION))
                .expectEvents(new LoginFailed(USER_ID, LoginMethod.PASSWORD, User.REASON_WRONG_PASSWORD, 1, T0))
                .expectResultMessagePayload(LoginResult.badCredentials(USER_ID));
    }

    @Test
    void aDisabledUser_isSentNoLoginCode() {
        fixture.given(registered(), new UserDisabled(USER_ID, REASON, T0))
                .when(new RequestOtpCommand(USER_ID, issued(CODE_A)))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aCodeSentBeforeTheDisabling_opensNothing() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0), new UserDisabled(USER_ID, REASON, T0))
                .when(new VerifyOtpCommand(USER_ID, CODE_A, SESSION))
                .expectEvents(new LoginFailed(USER_ID, LoginMethod.OTP, User.REASON_NO_VALID_CODE, 1, T0))
                .expectResultMessagePayload(LoginResult.badCredentials(USER_ID));
    }

    @Test
    void aDisabledUser_isMailedNoResetLink_andAnEarlierLinkCannotReEnableTheAccount() {
        fixture.given(registered(), new UserDisabled(USER_ID, REASON, T0))
                .when(new RequestPasswordResetCommand(USER_ID, issued(TOKEN_A)))
                .expectNoEvents()
                .expectResultMessagePayload(false);
        newFixture().givenCurrentTime(T0)
                .andGiven(registered(), new PasswordResetRequested(USER_ID, EMAIL, TOKEN_A, sealed(TOKEN_A),
                        T0.plus(Duration.ofHours(1)), T0), new UserDisabled(USER_ID, REASON, T0))
                .when(new CompletePasswordResetCommand(USER_ID, TOKEN_A, new Password("a brand new password")))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID_TOKEN, "token"));
    }

    @Test
    void aCommandWithATokenOfADisabledUser_isRefusedAtOnce() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), new UserDisabled(USER_ID, REASON, T0))
                .when(namesUpdate(SESSION, "John", "Doe"))
                .expectNoEvents()
                .expectException(rejected(Reason.FORBIDDEN, null));
    }

    @Test
    void anEnabledUser_logsInAgain() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), new UserDisabled(USER_ID, REASON, T0), new UserEnabled(USER_ID, T0))
                .andGivenCurrentTime(LATER)
                .when(new VerifyPasswordCommand(USER_ID, new Password(PASSWORD), SESSION))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(UserFixtures.payload(LoginResult.class, "succeeded",
                        LoginResult::succeeded));
    }

    @Test
    void unlocking_liftsTheLock_andCountsFailuresFromZero() {
        List<Object> history = new ArrayList<>();
        history.add(registered());
        history.addAll(wrongPasswords(1, LockoutPolicy.FAILURES_PER_LOCK, T0));
        history.add(new AccountLocked(USER_ID, T0.plus(LockoutPolicy.LOCK_DURATION), T0));
        fixture.givenCurrentTime(T0)
                .andGiven(history)
                .andGivenCurrentTime(LATER)
                .when(new UnlockAccountCommand(USER_ID))
                .expectEvents(new AccountUnlocked(USER_ID, LATER))
                .expectResultMessagePayload(true);

        history.add(new AccountUnlocked(USER_ID, LATER));
        newFixture().givenCurrentTime(T0)
                .andGiven(history)
                .andGivenCurrentTime(LATER)
                .when(new VerifyPasswordCommand(USER_ID, new Password("wrong password"), SESSION))
                .expectEvents(new LoginFailed(USER_ID, LoginMethod.PASSWORD, User.REASON_WRONG_PASSWORD, 1, LATER));
    }

    @Test
    void unlocking_liftsALockThatOnlyAResetWouldLift() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), new AccountLocked(USER_ID, null, T0, true))
                .andGivenCurrentTime(LATER)
                .when(new UnlockAccountCommand(USER_ID))
                .expectEvents(new AccountUnlocked(USER_ID, LATER));
    }

    @Test
    void unlockingAnAccountThatIsNotLocked_recordsNothing() {
        fixture.given(registered())
                .when(new UnlockAccountCommand(USER_ID))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void revokingAll_endsEverySessionWithReasonAdmin() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), loggedIn(OTHER_SESSION, T0))
                .andGivenCurrentTime(LATER)
                .when(new RevokeSessionsCommand(USER_ID, null))
                .expectEvents(new SessionsRevoked(USER_ID, List.of(SESSION, OTHER_SESSION), "admin", LATER));
    }

    @Test
    void revokingOne_endsJustThatSession() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), loggedIn(OTHER_SESSION, T0))
                .andGivenCurrentTime(LATER)
                .when(new RevokeSessionsCommand(USER_ID, OTHER_SESSION))
                .expectEvents(new SessionsRevoked(USER_ID, List.of(OTHER_SESSION), "admin", LATER));
    }

    @Test
    void revokingASessionThatIsNotLive_isNotFound() {
        fixture.given(registered(), loggedIn(SESSION, T0),
                        new SessionsRevoked(USER_ID, List.of(SESSION), "logout", T0))
                .when(new RevokeSessionsCommand(USER_ID, SESSION))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND, "session_id"));
    }

    @Test
    void anAdminToken_speaksForAnAdminOnlyWhileItsSessionLivesAndTheUserIsAnActiveAdmin() {
        fixture.givenCurrentTime(T0).andGiven(registeredAdmin(), loggedIn(SESSION, T0))
                .when(new CheckAdminSessionCommand(USER_ID, SESSION))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        newFixture().givenCurrentTime(T0).andGiven(registeredAdmin(), loggedIn(SESSION, T0),
                        new RoleChanged(USER_ID, Role.EMPLOYEE, Role.ADMIN, T0))
                .when(new CheckAdminSessionCommand(USER_ID, SESSION))
                .expectException(rejected(Reason.FORBIDDEN, null));
        newFixture().givenCurrentTime(T0).andGiven(registeredAdmin(), loggedIn(SESSION, T0), new UserDisabled(USER_ID, REASON, T0))
                .when(new CheckAdminSessionCommand(USER_ID, SESSION))
                .expectException(rejected(Reason.FORBIDDEN, null));
        newFixture().givenCurrentTime(T0).andGiven(registeredAdmin(), loggedIn(SESSION, T0),
                        new SessionsRevoked(USER_ID, List.of(SESSION), "admin", T0))
                .when(new CheckAdminSessionCommand(USER_ID, SESSION))
                .expectException(rejected(Reason.UNAUTHORIZED, null));
    }
}
