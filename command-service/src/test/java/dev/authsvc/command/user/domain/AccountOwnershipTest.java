package dev.authsvc.command.user.domain;

import static dev.authsvc.command.user.domain.UserFixtures.CODE_A;
import static dev.authsvc.command.user.domain.UserFixtures.EMAIL;
import static dev.authsvc.command.user.domain.UserFixtures.NEW_PASSWORD;
import static dev.authsvc.command.user.domain.UserFixtures.NEW_PHONE;
import static dev.authsvc.command.user.domain.UserFixtures.PASSWORD;
import static dev.authsvc.command.user.domain.UserFixtures.PHONE;
import static dev.authsvc.command.user.domain.UserFixtures.SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.T0;
import static dev.authsvc.command.user.domain.UserFixtures.TOKEN_A;
import static dev.authsvc.command.user.domain.UserFixtures.USER_ID;
import static dev.authsvc.command.user.domain.UserFixtures.fixtureRequiringVerifiedEmail;
import static dev.authsvc.command.user.domain.UserFixtures.newFixture;
import static dev.authsvc.command.user.domain.UserFixtures.otpRequested;
import static dev.authsvc.command.user.domain.UserFixtures.payload;
import static dev.authsvc.command.user.domain.UserFixtures.registered;
import static dev.authsvc.command.user.domain.UserFixtures.sealed;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import dev.authsvc.command.user.api.CompletePasswordResetCommand;
import dev.authsvc.command.user.api.EmailVerified;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.LoginMethod;
import dev.authsvc.command.user.api.LoginResult;
import dev.authsvc.command.user.api.OtpVerified;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.PasswordResetCompleted;
import dev.authsvc.command.user.api.PasswordResetRequested;
import dev.authsvc.command.user.api.PhoneNumberChanged;
import dev.authsvc.command.user.api.PhoneNumberRemoved;
import dev.authsvc.command.user.api.SessionsRevoked;
import dev.authsvc.command.user.api.UserLoggedIn;
import dev.authsvc.command.user.api.VerifyOtpCommand;
import dev.authsvc.command.user.api.VerifyPasswordCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whoever proves the email owns the account: a completed reset, and what it does to what was there before. */
class AccountOwnershipTest {

    private static final Instant REQUESTED = T0.plus(Duration.ofMinutes(5));
    private static final Instant RESET = T0.plus(Duration.ofMinutes(10));

    private static PasswordResetRequested resetRequested() {
        return new PasswordResetRequested(USER_ID, EMAIL, TOKEN_A, sealed(TOKEN_A),
                REQUESTED.plus(ResetTokenPolicy.RESET_TOKEN_VALIDITY), REQUESTED);
    }

    private static CompletePasswordResetCommand completeReset() {
        return new CompletePasswordResetCommand(USER_ID, TOKEN_A, new Password(NEW_PASSWORD));
    }

    private static VerifyPasswordCommand login(String password) {
        return new VerifyPasswordCommand(USER_ID, new Password(password), SESSION);
    }

    @Test
    void aCompletedReset_provesTheEmail_andTakesOffThePhoneAttachedAtRegistration() {
        newFixture().givenCurrentTime(T0)
                .andGiven(registered(), resetRequested())
                .andGivenCurrentTime(RESET)
                .when(completeReset())
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        payload(PasswordResetCompleted.class, "", e -> true),
                        payload(new EmailVerified(USER_ID, EMAIL, RESET)),
                        payload(new PhoneNumberRemoved(USER_ID, PHONE, User.REMOVED_BY_PASSWORD_RESET, RESET)),
                        payload(new SessionsRevoked(USER_ID, List.of(), User.REVOKED_BY_PASSWORD_RESET, RESET)),
                        andNoMore())))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aCompletedReset_takesOffANumberChangedToBeforeTheEmailWasVerified_evenAfterItsVerification() {
        newFixture().givenCurrentTime(T0)
                .andGiven(registered(), new PhoneNumberChanged(USER_ID, PHONE, NEW_PHONE, T0),
                        new EmailVerified(USER_ID, EMAIL, T0), resetRequested())
                .andGivenCurrentTime(RESET)
                .when(completeReset())
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        payload(PasswordResetCompleted.class, "", e -> true),
                        payload(new PhoneNumberRemoved(USER_ID, NEW_PHONE, User.REMOVED_BY_PASSWORD_RESET, RESET)),
                        payload(SessionsRevoked.class, "", e -> true),
                        andNoMore())))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aCompletedReset_keepsANumberConfirmedAfterTheEmailWasVerified() {
        newFixture().givenCurrentTime(T0)
                .andGiven(registered(), new EmailVerified(USER_ID, EMAIL, T0),
                        new PhoneNumberChanged(USER_ID, PHONE, NEW_PHONE, T0), resetRequested())
                .andGivenCurrentTime(RESET)
                .when(completeReset())
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        payload(PasswordResetCompleted.class, "", e -> true),
                        payload(SessionsRevoked.class, "", e -> true),
                        andNoMore())))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void afterTheReset_aCodeSentToTheRemovedNumberNoLongerLogsIn() {
        newFixture().givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, RESET), resetRequested())
                .andGivenCommands(completeReset())
                .andGivenCurrentTime(RESET.plusSeconds(1))
                .when(new VerifyOtpCommand(USER_ID, CODE_A, SESSION))
                .expectEvents(new LoginFailed(USER_ID, LoginMethod.OTP, User.REASON_NO_VALID_CODE, 1,
                        RESET.plusSeconds(1)))
                .expectResultMessagePayload(LoginResult.badCredentials(USER_ID));
    }

    @Test
    void afterTheReset_theTokensClaimsSayEmailVerified_andPhoneNotVerified() {
        Instant at = RESET.plusSeconds(1);
        newFixture().givenCurrentTime(T0)
                .andGiven(registered(), otpRequested(CODE_A, T0), new OtpVerified(USER_ID, T0), resetRequested())
                .andGivenCommands(completeReset())
                .andGivenCurrentTime(at)
                .when(login(NEW_PASSWORD))
                .expectEvents(new UserLoggedIn(USER_ID, SESSION, LoginMethod.PASSWORD, at))
                .expectResultMessagePayloadMatching(payload(LoginResult.class, "with email verified, no phone",
                        result -> result.claims().emailVerified() && !result.claims().phoneVerified()
                                && result.claims().phoneNumber() == null));
    }

    @Test
    void byDefault_aRightPasswordLogsInBeforeTheEmailIsVerified_andTheClaimsSaySo() {
        newFixture().givenCurrentTime(T0)
                .andGiven(registered())
                .when(login(PASSWORD))
                .expectEvents(new UserLoggedIn(USER_ID, SESSION, LoginMethod.PASSWORD, T0))
                .expectResultMessagePayloadMatching(payload(LoginResult.class, "with email not verified",
                        result -> result.succeeded() && !result.claims().emailVerified()));
    }

    @Test
    void requiringAVerifiedEmail_aRightPasswordIsRefusedBeforeVerification_andNothingIsRecorded() {
        fixtureRequiringVerifiedEmail().givenCurrentTime(T0)
                .andGiven(registered())
                .when(login(PASSWORD))
                .expectNoEvents()
                .expectResultMessagePayload(LoginResult.emailNotVerified(USER_ID));
    }

    @Test
    void requiringAVerifiedEmail_aWrongPasswordStillCountsAsAFailure() {
        fixtureRequiringVerifiedEmail().givenCurrentTime(T0)
                .andGiven(registered())
                .when(login("wrong_password"))
                .expectEvents(new LoginFailed(USER_ID, LoginMethod.PASSWORD, User.REASON_WRONG_PASSWORD, 1, T0))
                .expectResultMessagePayload(LoginResult.badCredentials(USER_ID));
    }

    @Test
    void requiringAVerifiedEmail_theRightPasswordLogsInOnceTheEmailIsVerified() {
        fixtureRequiringVerifiedEmail().givenCurrentTime(T0)
                .andGiven(registered(), new EmailVerified(USER_ID, EMAIL, T0))
                .when(login(PASSWORD))
                .expectEvents(new UserLoggedIn(USER_ID, SESSION, LoginMethod.PASSWORD, T0));
    }
}
