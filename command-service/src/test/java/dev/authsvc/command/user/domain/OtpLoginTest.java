package dev.authsvc.command.user.domain;

import static dev.authsvc.command.user.domain.UserFixtures.CODE_A;
import static dev.authsvc.command.user.domain.UserFixtures.CODE_B;
import static dev.authsvc.command.user.domain.UserFixtures.EMAIL;
import static dev.authsvc.command.user.domain.UserFixtures.FIRST_NAME;
import static dev.authsvc.command.user.domain.UserFixtures.LAST_NAME;
import static dev.authsvc.command.user.domain.UserFixtures.PHONE;
import static dev.authsvc.command.user.domain.UserFixtures.SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.T0;
import static dev.authsvc.command.user.domain.UserFixtures.USER_ID;
import static dev.authsvc.command.user.domain.UserFixtures.WRONG_HASH;
import static dev.authsvc.command.user.domain.UserFixtures.issued;
import static dev.authsvc.command.user.domain.UserFixtures.loginCodeFailed;
import static dev.authsvc.command.user.domain.UserFixtures.newFixture;
import static dev.authsvc.command.user.domain.UserFixtures.otpRequested;
import static dev.authsvc.command.user.domain.UserFixtures.registered;
import static dev.authsvc.command.user.domain.UserFixtures.wrongCodes;

import dev.authsvc.command.user.api.CodePurpose;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.LoginMethod;
import dev.authsvc.command.user.api.LoginResult;
import dev.authsvc.command.user.api.OtpVerificationFailed;
import dev.authsvc.command.user.api.OtpVerified;
import dev.authsvc.command.user.api.RequestOtpCommand;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.UserClaims;
import dev.authsvc.command.user.api.UserLoggedIn;
import dev.authsvc.command.user.api.VerifyOtpCommand;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OtpLoginTest {

    private static final Instant LATER = T0.plusSeconds(60);

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private static VerifyOtpCommand verify(String codeHash) {
        return new VerifyOtpCommand(USER_ID, codeHash, SESSION);
    }

    private static LoginFailed loginFailed(String reason, int consecutiveFailures, Instant at) {
        return new LoginFailed(USER_ID, LoginMethod.OTP, reason, consecutiveFailures, at);
    }

    @Test
    void requestedCode_goesToTheCurrentPhoneAndIsValidForFiveMinutes() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .when(new RequestOtpCommand(USER_ID, issued(CODE_A)))
                .expectEvents(otpRequested(CODE_A, T0));
    }

    @Test
    void rightCode_logsInAndMarksThePhoneVerified() {
        UserClaims verifiedPhone = new UserClaims(EMAIL, PHONE, Role.EMPLOYEE, FIRST_NAME, LAST_NAME, false, true);
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0))
                .andGivenCurrentTime(LATER)
                .when(verify(CODE_A))
                .expectEvents(new OtpVerified(USER_ID, LATER), new UserLoggedIn(USER_ID, SESSION, LoginMethod.OTP, LATER))
                .expectResultMessagePayload(LoginResult.success(USER_ID, SESSION, LATER, LoginMethod.OTP, verifiedPhone));
    }

    @Test
    void codeJustBeforeFiveMinutes_isStillAccepted() {
        Instant almostExpired = T0.plus(OtpPolicy.CODE_VALIDITY).minusSeconds(1);
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0))
                .andGivenCurrentTime(almostExpired)
                .when(verify(CODE_A))
                .expectEvents(new OtpVerified(USER_ID, almostExpired),
                        new UserLoggedIn(USER_ID, SESSION, LoginMethod.OTP, almostExpired));
    }

    @Test
    void codeAfterFiveMinutes_hasExpired() {
        Instant expired = T0.plus(OtpPolicy.CODE_VALIDITY);
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0))
                .andGivenCurrentTime(expired)
                .when(verify(CODE_A))
                .expectEvents(loginFailed(User.REASON_NO_VALID_CODE, 1, expired))
                .expectResultMessagePayload(LoginResult.badCredentials(USER_ID));
    }

    /** The security rules (docs/security-rules.md) say five minutes: literal times here, so a changed {@link OtpPolicy#CODE_VALIDITY} is noticed. */
    @Test
    void sentCode_isStillAcceptedFourMinutesFiftyNineLater() {
        Instant justBefore = T0.plus(Duration.ofMinutes(4)).plusSeconds(59);
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGivenCommands(new RequestOtpCommand(USER_ID, issued(CODE_A)))
                .andGivenCurrentTime(justBefore)
                .when(verify(CODE_A))
                .expectEvents(new OtpVerified(USER_ID, justBefore),
                        new UserLoggedIn(USER_ID, SESSION, LoginMethod.OTP, justBefore));
    }

    @Test
    void sentCode_hasExpiredFiveMinutesLater() {
        Instant fiveMinutesLater = T0.plus(Duration.ofMinutes(5));
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .andGivenCommands(new RequestOtpCommand(USER_ID, issued(CODE_A)))
                .andGivenCurrentTime(fiveMinutesLater)
                .when(verify(CODE_A))
                .expectEvents(loginFailed(User.REASON_NO_VALID_CODE, 1, fiveMinutesLater))
                .expectResultMessagePayload(LoginResult.badCredentials(USER_ID));
    }

    @Test
    void loginWithoutAnyCode_failsWithoutAnOtpVerificationFailure() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .when(verify(CODE_A))
                .expectEvents(loginFailed(User.REASON_NO_VALID_CODE, 1, T0))
                .expectResultMessagePayload(LoginResult.badCredentials(USER_ID));
    }

    @Test
    void wrongCode_countsATryAndALoginFailureWithoutThrowing() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0))
                .andGivenCurrentTime(LATER)
                .when(verify(WRONG_HASH))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OtpVerificationFailed(USER_ID, CodePurpose.LOGIN, 1, false, LATER),
                        loginFailed(User.REASON_WRONG_CODE, 1, LATER))
                .expectResultMessagePayload(LoginResult.badCredentials(USER_ID));
    }

    @Test
    void wrongOtpFiveTimes_killsTheCode() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0))
                .andGiven(wrongCodes(4, T0))
                .andGivenCurrentTime(LATER)
                .when(verify(WRONG_HASH))
                .expectEvents(new OtpVerificationFailed(USER_ID, CodePurpose.LOGIN, 5, true, LATER),
                        loginFailed(User.REASON_WRONG_CODE, 5, LATER));
    }

    @Test
    void killedCode_isRefusedEvenWhenRight() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0))
                .andGiven(wrongCodes(5, T0))
                .andGivenCurrentTime(LATER)
                .when(verify(CODE_A))
                .expectEvents(loginFailed(User.REASON_NO_VALID_CODE, 6, LATER))
                .expectResultMessagePayload(LoginResult.badCredentials(USER_ID));
    }

    @Test
    void usedCode_isRefusedTheSecondTime() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0), new OtpVerified(USER_ID, T0),
                        new UserLoggedIn(USER_ID, "first-session", LoginMethod.OTP, T0))
                .andGivenCurrentTime(LATER)
                .when(verify(CODE_A))
                .expectEvents(loginFailed(User.REASON_NO_VALID_CODE, 1, LATER))
                .expectResultMessagePayload(LoginResult.badCredentials(USER_ID));
    }

    @Test
    void newCode_replacesTheOldOne() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0), otpRequested(CODE_B, T0.plusSeconds(40)))
                .andGivenCurrentTime(LATER)
                .when(verify(CODE_A))
                .expectEvents(new OtpVerificationFailed(USER_ID, CodePurpose.LOGIN, 1, false, LATER),
                        loginFailed(User.REASON_WRONG_CODE, 1, LATER));
    }

    @Test
    void newCode_isAccepted() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0), otpRequested(CODE_B, T0.plusSeconds(40)))
                .andGivenCurrentTime(LATER)
                .when(verify(CODE_B))
                .expectEvents(new OtpVerified(USER_ID, LATER), new UserLoggedIn(USER_ID, SESSION, LoginMethod.OTP, LATER));
    }

    @Test
    void newCode_startsWithNoWrongTries() {
        Instant resent = T0.plusSeconds(40);
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0))
                .andGiven(wrongCodes(4, T0))
                .andGiven(otpRequested(CODE_B, resent))
                .andGivenCurrentTime(LATER)
                .when(verify(WRONG_HASH))
                .expectEvents(new OtpVerificationFailed(USER_ID, CodePurpose.LOGIN, 1, false, LATER),
                        loginFailed(User.REASON_WRONG_CODE, 5, LATER));
    }

    @Test
    void resendWithinThirtySeconds_isRefusedWithTheRemainingCooldown() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0))
                .andGivenCurrentTime(T0.plusSeconds(10))
                .when(new RequestOtpCommand(USER_ID, issued(CODE_B)))
                .expectNoEvents()
                .expectException(UserFixtures.rejectedWithRetryAfter(Duration.ofSeconds(20)));
    }

    @Test
    void resendAfterThirtySeconds_isAllowed() {
        Instant afterCooldown = T0.plus(OtpPolicy.SEND_COOLDOWN);
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0))
                .andGivenCurrentTime(afterCooldown)
                .when(new RequestOtpCommand(USER_ID, issued(CODE_B)))
                .expectEvents(otpRequested(CODE_B, afterCooldown));
    }

    @Test
    void sixthSendWithinAnHour_isRefusedUntilTheOldestSendLeavesTheWindow() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0), otpRequested(CODE_A, T0.plusSeconds(60)),
                        otpRequested(CODE_A, T0.plusSeconds(120)), otpRequested(CODE_A, T0.plusSeconds(180)),
                        otpRequested(CODE_A, T0.plusSeconds(240)))
                .andGivenCurrentTime(T0.plus(Duration.ofMinutes(10)))
                .when(new RequestOtpCommand(USER_ID, issued(CODE_B)))
                .expectNoEvents()
                .expectException(UserFixtures.rejectedWithRetryAfter(Duration.ofMinutes(50)));
    }

    @Test
    void sendOnceTheOldestSendLeftTheHour_isAllowed() {
        Instant hourLater = T0.plus(OtpPolicy.SEND_WINDOW);
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0), otpRequested(CODE_A, T0.plusSeconds(60)),
                        otpRequested(CODE_A, T0.plusSeconds(120)), otpRequested(CODE_A, T0.plusSeconds(180)),
                        otpRequested(CODE_A, T0.plusSeconds(240)))
                .andGivenCurrentTime(hourLater)
                .when(new RequestOtpCommand(USER_ID, issued(CODE_B)))
                .expectEvents(otpRequested(CODE_B, hourLater));
    }
}
