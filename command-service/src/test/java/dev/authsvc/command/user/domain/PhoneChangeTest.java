package dev.authsvc.command.user.domain;

import static dev.authsvc.command.user.domain.UserFixtures.CODE_A;
import static dev.authsvc.command.user.domain.UserFixtures.CODE_B;
import static dev.authsvc.command.user.domain.UserFixtures.EMAIL;
import static dev.authsvc.command.user.domain.UserFixtures.FIRST_NAME;
import static dev.authsvc.command.user.domain.UserFixtures.LAST_NAME;
import static dev.authsvc.command.user.domain.UserFixtures.NEW_PHONE;
import static dev.authsvc.command.user.domain.UserFixtures.OTHER_SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.PASSWORD;
import static dev.authsvc.command.user.domain.UserFixtures.PHONE;
import static dev.authsvc.command.user.domain.UserFixtures.SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.T0;
import static dev.authsvc.command.user.domain.UserFixtures.USER_ID;
import static dev.authsvc.command.user.domain.UserFixtures.WRONG_HASH;
import static dev.authsvc.command.user.domain.UserFixtures.loggedIn;
import static dev.authsvc.command.user.domain.UserFixtures.newFixture;
import static dev.authsvc.command.user.domain.UserFixtures.otpRequested;
import static dev.authsvc.command.user.domain.UserFixtures.phoneChangeRequested;
import static dev.authsvc.command.user.domain.UserFixtures.phoneCodeFailed;
import static dev.authsvc.command.user.domain.UserFixtures.phoneUpdate;
import static dev.authsvc.command.user.domain.UserFixtures.registered;
import static dev.authsvc.command.user.domain.UserFixtures.rejected;
import static dev.authsvc.command.user.domain.UserFixtures.rejectedWithRetryAfter;
import static dev.authsvc.command.user.domain.UserFixtures.wrongCodes;

import dev.authsvc.command.user.api.AccountUpdateResult;
import dev.authsvc.command.user.api.CodePurpose;
import dev.authsvc.command.user.api.ConfirmPhoneChangeCommand;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.LoginMethod;
import dev.authsvc.command.user.api.LoginResult;
import dev.authsvc.command.user.api.OtpVerificationFailed;
import dev.authsvc.command.user.api.OtpVerified;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.PhoneChangeConfirmation;
import dev.authsvc.command.user.api.PhoneChangeRequested;
import dev.authsvc.command.user.api.PhoneNumberChanged;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.SessionsRevoked;
import dev.authsvc.command.user.api.UserClaims;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import dev.authsvc.command.user.api.UserLoggedIn;
import dev.authsvc.command.user.api.VerifyOtpCommand;
import dev.authsvc.command.user.api.VerifyPasswordCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A new phone number is pending until the code sent to it is confirmed; {@code handle} answers true or false. */
class PhoneChangeTest {

    private static final Instant ASKED = T0.plus(Duration.ofMinutes(1));
    private static final Instant CONFIRMING = ASKED.plus(Duration.ofMinutes(2));

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private static ConfirmPhoneChangeCommand confirm(String codeHash) {
        return new ConfirmPhoneChangeCommand(USER_ID, SESSION, codeHash);
    }

    private static VerifyPasswordCommand passwordLogin() {
        return new VerifyPasswordCommand(USER_ID, new Password(PASSWORD), OTHER_SESSION);
    }

    @Test
    void newPhone_rightAfterLogin_sendsACodeToTheNewNumber() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(ASKED)
                .when(phoneUpdate(SESSION, NEW_PHONE, CODE_B, null))
                .expectEvents(phoneChangeRequested(CODE_B, ASKED));
    }

    @Test
    void newPhone_longAfterLoginWithTheCurrentPassword_sendsACode() {
        Instant later = T0.plus(Duration.ofHours(1));
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(later)
                .when(phoneUpdate(SESSION, NEW_PHONE, CODE_B, PASSWORD))
                .expectEvents(phoneChangeRequested(CODE_B, later));
    }

    @Test
    void newPhone_longAfterLoginWithoutTheCurrentPassword_needsReauthentication() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(T0.plus(Duration.ofHours(1)))
                .when(phoneUpdate(SESSION, NEW_PHONE, CODE_B, null))
                .expectNoEvents()
                .expectException(rejected(Reason.REAUTHENTICATION_REQUIRED, "current_password"));
    }

    @Test
    void newPhone_withAWrongCurrentPassword_sendsNoCodeAndCountsAFailure() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0))
                .andGivenCurrentTime(ASKED)
                .when(phoneUpdate(SESSION, NEW_PHONE, CODE_B, "not_my_password"))
                .expectEvents(new LoginFailed(USER_ID, LoginMethod.PASSWORD, User.REASON_WRONG_CURRENT_PASSWORD, 1,
                        ASKED))
                .expectResultMessagePayload(AccountUpdateResult.wrongCurrentPassword());
    }

    @Test
    void pendingPhoneChange_leavesTheCurrentNumberInTheClaims() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), phoneChangeRequested(CODE_B, ASKED))
                .andGivenCurrentTime(CONFIRMING)
                .when(passwordLogin())
                .expectResultMessagePayload(LoginResult.success(USER_ID, OTHER_SESSION, CONFIRMING,
                        LoginMethod.PASSWORD, UserFixtures.claims()));
    }

    @Test
    void rightCode_changesThePhoneNumber() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), phoneChangeRequested(CODE_B, ASKED))
                .andGivenCurrentTime(CONFIRMING)
                .when(confirm(CODE_B))
                .expectEvents(new PhoneNumberChanged(USER_ID, PHONE, NEW_PHONE, CONFIRMING))
                .expectResultMessagePayload(PhoneChangeConfirmation.rightCode());
    }

    @Test
    void confirmedPhone_isTheVerifiedNumberInTheClaims() {
        UserClaims newPhone = new UserClaims(EMAIL, NEW_PHONE, Role.EMPLOYEE, FIRST_NAME, LAST_NAME, false, true);
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), phoneChangeRequested(CODE_B, ASKED),
                        new PhoneNumberChanged(USER_ID, PHONE, NEW_PHONE, CONFIRMING))
                .andGivenCurrentTime(CONFIRMING)
                .when(passwordLogin())
                .expectResultMessagePayload(LoginResult.success(USER_ID, OTHER_SESSION, CONFIRMING,
                        LoginMethod.PASSWORD, newPhone));
    }

    @Test
    void loginCodeSentToTheOldNumber_diesWithThePhoneChange() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), otpRequested(CODE_A, ASKED),
                        phoneChangeRequested(CODE_B, ASKED), new PhoneNumberChanged(USER_ID, PHONE, NEW_PHONE, CONFIRMING))
                .andGivenCurrentTime(CONFIRMING)
                .when(new VerifyOtpCommand(USER_ID, CODE_A, OTHER_SESSION))
                .expectEvents(new LoginFailed(USER_ID, LoginMethod.OTP, User.REASON_NO_VALID_CODE, 1, CONFIRMING));
    }

    @Test
    void wrongPhoneCode_isRecordedAndAnsweredFalse() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), phoneChangeRequested(CODE_B, ASKED))
                .andGivenCurrentTime(CONFIRMING)
                .when(confirm(WRONG_HASH))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OtpVerificationFailed(USER_ID, CodePurpose.PHONE_CHANGE, 1, false, CONFIRMING))
                .expectResultMessagePayload(PhoneChangeConfirmation.wrongCode());
    }

    @Test
    void wrongPhoneCodeFiveTimes_killsThePendingChange() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), phoneChangeRequested(CODE_B, ASKED))
                .andGiven(phoneCodeFailed(1, ASKED), phoneCodeFailed(2, ASKED), phoneCodeFailed(3, ASKED),
                        phoneCodeFailed(4, ASKED))
                .andGivenCurrentTime(CONFIRMING)
                .when(confirm(WRONG_HASH))
                .expectEvents(new OtpVerificationFailed(USER_ID, CodePurpose.PHONE_CHANGE, 5, true, CONFIRMING))
                .expectResultMessagePayload(PhoneChangeConfirmation.wrongCode());
    }

    @Test
    void killedPhoneCode_isRefusedEvenWhenRight() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), phoneChangeRequested(CODE_B, ASKED))
                .andGiven(phoneCodeFailed(1, ASKED), phoneCodeFailed(2, ASKED), phoneCodeFailed(3, ASKED),
                        phoneCodeFailed(4, ASKED), phoneCodeFailed(5, ASKED))
                .andGivenCurrentTime(CONFIRMING)
                .when(confirm(CODE_B))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID_TOKEN, "code"));
    }

    @Test
    void phoneCodeAfterFiveMinutes_hasExpired() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), phoneChangeRequested(CODE_B, ASKED))
                .andGivenCurrentTime(ASKED.plus(OtpPolicy.CODE_VALIDITY))
                .when(confirm(CODE_B))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID_TOKEN, "code"));
    }

    @Test
    void confirmedPhoneCode_isSingleUse() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), phoneChangeRequested(CODE_B, ASKED),
                        new PhoneNumberChanged(USER_ID, PHONE, NEW_PHONE, CONFIRMING))
                .andGivenCurrentTime(CONFIRMING)
                .when(confirm(CODE_B))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID_TOKEN, "code"));
    }

    @Test
    void newerPhoneChange_replacesTheEarlierCode() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), phoneChangeRequested(CODE_A, T0),
                        phoneChangeRequested(CODE_B, ASKED))
                .andGivenCurrentTime(CONFIRMING)
                .when(confirm(CODE_A))
                .expectEvents(new OtpVerificationFailed(USER_ID, CodePurpose.PHONE_CHANGE, 1, false, CONFIRMING))
                .expectResultMessagePayload(PhoneChangeConfirmation.wrongCode());
    }

    @Test
    void phoneCodeFailures_doNotTouchTheLoginCode() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), otpRequested(CODE_A, ASKED),
                        phoneChangeRequested(CODE_B, ASKED))
                .andGiven(phoneCodeFailed(1, ASKED), phoneCodeFailed(2, ASKED), phoneCodeFailed(3, ASKED),
                        phoneCodeFailed(4, ASKED), phoneCodeFailed(5, ASKED))
                .andGivenCurrentTime(CONFIRMING)
                .when(new VerifyOtpCommand(USER_ID, CODE_A, OTHER_SESSION))
                .expectEvents(new OtpVerified(USER_ID, CONFIRMING),
                        new UserLoggedIn(USER_ID, OTHER_SESSION, LoginMethod.OTP, CONFIRMING));
    }

    @Test
    void loginCodeFailures_doNotTouchThePhoneCode() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), otpRequested(CODE_A, ASKED),
                        phoneChangeRequested(CODE_B, ASKED))
                .andGiven(wrongCodes(5, ASKED))
                .andGivenCurrentTime(CONFIRMING)
                .when(confirm(CODE_B))
                .expectEvents(new PhoneNumberChanged(USER_ID, PHONE, NEW_PHONE, CONFIRMING))
                .expectResultMessagePayload(PhoneChangeConfirmation.rightCode());
    }

    @Test
    void confirmation_fromAnEndedSession_isRefused() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), phoneChangeRequested(CODE_B, ASKED),
                        new SessionsRevoked(USER_ID, List.of(SESSION), "admin_revoked", ASKED))
                .andGivenCurrentTime(CONFIRMING)
                .when(confirm(CODE_B))
                .expectNoEvents()
                .expectException(rejected(Reason.UNAUTHORIZED, null));
    }

    @Test
    void secondCodeToTheNewNumberWithinThirtySeconds_isRefused() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), phoneChangeRequested(CODE_A, ASKED))
                .andGivenCurrentTime(ASKED.plusSeconds(5))
                .when(phoneUpdate(SESSION, NEW_PHONE, CODE_B, null))
                .expectNoEvents()
                .expectException(rejectedWithRetryAfter(Duration.ofSeconds(25)));
    }

    private static PhoneChangeRequested phoneChangeTo(String number, Instant at) {
        return new PhoneChangeRequested(USER_ID, number, CODE_A, UserFixtures.sealed(CODE_A),
                at.plus(OtpPolicy.CODE_VALIDITY), at);
    }

    /** Each change may name a number never texted before, so the per-number limits alone let every one through. */
    @Test
    void fourthPhoneChangeCodeWithinAnHour_toYetAnotherNumber_isRefusedUntilTheFirstLeavesTheHour() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0),
                        phoneChangeTo("+15550000001", T0.plus(Duration.ofMinutes(1))),
                        phoneChangeTo("+15550000002", T0.plus(Duration.ofMinutes(2))),
                        phoneChangeTo("+15550000003", T0.plus(Duration.ofMinutes(3))))
                .andGivenCurrentTime(T0.plus(Duration.ofMinutes(4)))
                .when(phoneUpdate(SESSION, "+15550000004", CODE_B, null))
                .expectNoEvents()
                .expectException(rejectedWithRetryAfter(Duration.ofMinutes(57)));
    }

    @Test
    void thirdPhoneChangeCodeWithinAnHour_isSent() {
        Instant third = T0.plus(Duration.ofMinutes(3));
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0),
                        phoneChangeTo("+15550000001", T0.plus(Duration.ofMinutes(1))),
                        phoneChangeTo("+15550000002", T0.plus(Duration.ofMinutes(2))))
                .andGivenCurrentTime(third)
                .when(phoneUpdate(SESSION, NEW_PHONE, CODE_B, null))
                .expectEvents(phoneChangeRequested(CODE_B, third));
    }

    @Test
    void anHourAfterTheFirstOfThreePhoneChangeCodes_anotherIsSent() {
        Instant later = T0.plus(Duration.ofMinutes(61));
        fixture.givenCurrentTime(T0)
                .andGiven(registered(),
                        phoneChangeTo("+15550000001", T0.plus(Duration.ofMinutes(1))),
                        phoneChangeTo("+15550000002", T0.plus(Duration.ofMinutes(2))),
                        phoneChangeTo("+15550000003", T0.plus(Duration.ofMinutes(3))),
                        loggedIn(SESSION, T0.plus(Duration.ofMinutes(60))))
                .andGivenCurrentTime(later)
                .when(phoneUpdate(SESSION, NEW_PHONE, CODE_B, null))
                .expectEvents(phoneChangeRequested(CODE_B, later));
    }

    @Test
    void loginCodeJustSentToTheOldNumber_doesNotDelayACodeToTheNewOne() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), otpRequested(CODE_A, ASKED))
                .andGivenCurrentTime(ASKED.plusSeconds(5))
                .when(phoneUpdate(SESSION, NEW_PHONE, CODE_B, null))
                .expectEvents(phoneChangeRequested(CODE_B, ASKED.plusSeconds(5)));
    }
}
