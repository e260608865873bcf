package dev.authsvc.command.user.domain;

import static dev.authsvc.command.user.domain.UserFixtures.EMAIL;
import static dev.authsvc.command.user.domain.UserFixtures.T0;
import static dev.authsvc.command.user.domain.UserFixtures.TOKEN_A;
import static dev.authsvc.command.user.domain.UserFixtures.USER_ID;
import static dev.authsvc.command.user.domain.UserFixtures.WRONG_HASH;
import static dev.authsvc.command.user.domain.UserFixtures.newFixture;
import static dev.authsvc.command.user.domain.UserFixtures.registered;
import static dev.authsvc.command.user.domain.UserFixtures.rejected;
import static dev.authsvc.command.user.domain.UserFixtures.sealed;

import dev.authsvc.command.user.api.EmailVerificationRequested;
import dev.authsvc.command.user.api.EmailVerified;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import dev.authsvc.command.user.api.VerifyEmailCommand;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmailVerificationTest {

    private static final EmailVerificationRequested REQUESTED = new EmailVerificationRequested(USER_ID, EMAIL, TOKEN_A,
            sealed(TOKEN_A), T0.plus(ResetTokenPolicy.EMAIL_VERIFICATION_VALIDITY), T0);

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void mailedToken_verifiesTheEmail() {
        Instant nextDay = T0.plus(Duration.ofHours(23));
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), REQUESTED)
                .andGivenCurrentTime(nextDay)
                .when(new VerifyEmailCommand(USER_ID, TOKEN_A))
                .expectEvents(new EmailVerified(USER_ID, EMAIL, nextDay));
    }

    @Test
    void wrongToken_isRefused() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), REQUESTED)
                .when(new VerifyEmailCommand(USER_ID, WRONG_HASH))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID_TOKEN, "token"));
    }

    @Test
    void verificationTokenAfterTwentyFourHours_hasExpired() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), REQUESTED)
                .andGivenCurrentTime(T0.plus(ResetTokenPolicy.EMAIL_VERIFICATION_VALIDITY))
                .when(new VerifyEmailCommand(USER_ID, TOKEN_A))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID_TOKEN, "token"));
    }

    @Test
    void verificationToken_isSingleUse() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), REQUESTED, new EmailVerified(USER_ID, EMAIL, T0))
                .when(new VerifyEmailCommand(USER_ID, TOKEN_A))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID_TOKEN, "token"));
    }
}
