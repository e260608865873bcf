package dev.authsvc.command.user.domain;

import static dev.authsvc.command.user.domain.UserFixtures.ENCODER;
import static dev.authsvc.command.user.domain.UserFixtures.FIRST_NAME;
import static dev.authsvc.command.user.domain.UserFixtures.LAST_NAME;
import static dev.authsvc.command.user.domain.UserFixtures.NEW_PASSWORD;
import static dev.authsvc.command.user.domain.UserFixtures.OTHER_SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.PASSWORD;
import static dev.authsvc.command.user.domain.UserFixtures.PHONE;
import static dev.authsvc.command.user.domain.UserFixtures.SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.T0;
import static dev.authsvc.command.user.domain.UserFixtures.THIRD_SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.USER_ID;
import static dev.authsvc.command.user.domain.UserFixtures.loggedIn;
import static dev.authsvc.command.user.domain.UserFixtures.namesUpdate;
import static dev.authsvc.command.user.domain.UserFixtures.newFixture;
import static dev.authsvc.command.user.domain.UserFixtures.passwordUpdate;
import static dev.authsvc.command.user.domain.UserFixtures.payload;
import static dev.authsvc.command.user.domain.UserFixtures.registered;
import static dev.authsvc.command.user.domain.UserFixtures.rejected;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import dev.authsvc.command.user.api.AccountUpdateResult;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.LoginMethod;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.PasswordChanged;
import dev.authsvc.command.user.api.ProfileUpdated;
import dev.authsvc.command.user.api.SessionsRevoked;
import dev.authsvc.command.user.api.UpdateAccountCommand;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpdateAccountTest {

    private static final Instant SOON = T0.plus(Duration.ofMinutes(1));
    private static final Instant LONG_AFTER_LOGIN = T0.plus(Duration.ofHours(2));

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void seedReadmeUpdate_rightAfterLogin_changesNamesAndPassword() {
        var seedBody = new UpdateAccountCommand(USER_ID, SESSION, "John", "Doe", PHONE, null,
                new Password(NEW_PASSWORD), null);
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(SOON)
                .when(seedBody)
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        payload(new ProfileUpdated(USER_ID, "John", "Doe", SOON)),
                        payload(PasswordChanged.class, "by the calling session with a hash of the new password", e ->
                                e.sessionId().equals(SESSION) && e.changedAt().equals(SOON)
                                        && ENCODER.matches(NEW_PASSWORD, e.passwordHash())),
                        andNoMore())));
    }

    @Test
    void namesAlone_changeWithoutReauthentication() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(LONG_AFTER_LOGIN)
                .when(namesUpdate(SESSION, "John", null))
                .expectEvents(new ProfileUpdated(USER_ID, "John", LAST_NAME, LONG_AFTER_LOGIN));
    }

    @Test
    void sameNamesAndSamePhone_isNothingToChange() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .when(new UpdateAccountCommand(USER_ID, SESSION, FIRST_NAME, LAST_NAME, PHONE, null, null, null))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID, null));
    }

    @Test
    void passwordChange_longAfterLoginWithoutCurrentPassword_needsReauthentication() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(LONG_AFTER_LOGIN)
                .when(passwordUpdate(SESSION, NEW_PASSWORD, null))
                .expectNoEvents()
                .expectException(rejected(Reason.REAUTHENTICATION_REQUIRED, "current_password"));
    }

    /** The security rules (docs/security-rules.md) say five minutes: literal times here and below, so a changed policy constant is noticed. */
    @Test
    void passwordChange_fiveMinutesAfterLogin_needsReauthentication() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(T0.plus(Duration.ofMinutes(5)))
                .when(passwordUpdate(SESSION, NEW_PASSWORD, null))
                .expectNoEvents()
                .expectException(rejected(Reason.REAUTHENTICATION_REQUIRED, "current_password"));
    }

    @Test
    void passwordChange_fourMinutesFiftyNineAfterLogin_needsNoCurrentPassword() {
        Instant justBefore = T0.plus(Duration.ofMinutes(4)).plusSeconds(59);
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(justBefore)
                .when(passwordUpdate(SESSION, NEW_PASSWORD, null))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        payload(PasswordChanged.class, "with a hash of the new password", e ->
                                e.changedAt().equals(justBefore) && ENCODER.matches(NEW_PASSWORD, e.passwordHash())),
                        andNoMore())));
    }

    @Test
    void recentLogin_ofAnotherSession_doesNotCount() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(LONG_AFTER_LOGIN)
                .andGiven(loggedIn(OTHER_SESSION, LONG_AFTER_LOGIN))
                .when(passwordUpdate(SESSION, NEW_PASSWORD, null))
                .expectNoEvents()
                .expectException(rejected(Reason.REAUTHENTICATION_REQUIRED, "current_password"));
    }

    @Test
    void passwordChange_withTheCurrentPassword_isAllowedLongAfterLogin() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(LONG_AFTER_LOGIN)
                .when(passwordUpdate(SESSION, NEW_PASSWORD, PASSWORD))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        payload(PasswordChanged.class, "with a hash of the new password",
                                e -> ENCODER.matches(NEW_PASSWORD, e.passwordHash())),
                        andNoMore())));
    }

    @Test
    void passwordChange_withAWrongCurrentPassword_isRefusedAndCountedEvenRightAfterLogin() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(SOON)
                .when(passwordUpdate(SESSION, NEW_PASSWORD, "not_my_password"))
                .expectEvents(new LoginFailed(USER_ID, LoginMethod.PASSWORD, User.REASON_WRONG_CURRENT_PASSWORD, 1,
                        SOON))
                .expectResultMessagePayload(AccountUpdateResult.wrongCurrentPassword());
    }

    @Test
    void passwordChange_keepsTheCallingSessionAndEndsTheOthers() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(OTHER_SESSION, T0), loggedIn(THIRD_SESSION, T0), loggedIn(SESSION, T0))
                .andGivenCurrentTime(SOON)
                .when(passwordUpdate(SESSION, NEW_PASSWORD, null))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        payload(PasswordChanged.class, "by the calling session", e -> e.sessionId().equals(SESSION)),
                        payload(new SessionsRevoked(USER_ID, List.of(OTHER_SESSION, THIRD_SESSION),
                                User.REVOKED_BY_PASSWORD_CHANGE, SOON)),
                        andNoMore())));
    }

    @Test
    void callingSession_stillWorksAfterItsPasswordChange() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), loggedIn(OTHER_SESSION, T0))
                .andGivenCurrentTime(SOON)
                .andGivenCommands(passwordUpdate(SESSION, NEW_PASSWORD, null))
                .when(namesUpdate(SESSION, "John", "Doe"))
                .expectEvents(new ProfileUpdated(USER_ID, "John", "Doe", SOON));
    }

    @Test
    void otherSession_isRefusedAfterAPasswordChange() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), loggedIn(OTHER_SESSION, T0))
                .andGivenCurrentTime(SOON)
                .andGivenCommands(passwordUpdate(SESSION, NEW_PASSWORD, null))
                .when(namesUpdate(OTHER_SESSION, "John", "Doe"))
                .expectNoEvents()
                .expectException(rejected(Reason.UNAUTHORIZED, null));
    }

    @Test
    void revokedSession_isRefused() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0),
                        new SessionsRevoked(USER_ID, List.of(SESSION), "admin_revoked", T0))
                .when(namesUpdate(SESSION, "John", "Doe"))
                .expectNoEvents()
                .expectException(rejected(Reason.UNAUTHORIZED, null));
    }

    @Test
    void unknownSession_isRefused() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .when(namesUpdate("forged-session", "John", "Doe"))
                .expectNoEvents()
                .expectException(rejected(Reason.UNAUTHORIZED, null));
    }

    @Test
    void sessionOlderThanThirtyDays_isRefused() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(T0.plus(SessionPolicy.MAX_SESSION_AGE))
                .when(namesUpdate(SESSION, "John", "Doe"))
                .expectNoEvents()
                .expectException(rejected(Reason.UNAUTHORIZED, null));
    }

    @Test
    void newPasswordBreakingThePolicy_isRefused() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(SOON)
                .when(passwordUpdate(SESSION, "short", null))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID, "password"));
    }
}
