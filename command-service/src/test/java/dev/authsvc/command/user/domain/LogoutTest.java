package dev.authsvc.command.user.domain;

import static dev.authsvc.command.user.domain.UserFixtures.OTHER_SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.T0;
import static dev.authsvc.command.user.domain.UserFixtures.USER_ID;
import static dev.authsvc.command.user.domain.UserFixtures.loggedIn;
import static dev.authsvc.command.user.domain.UserFixtures.namesUpdate;
import static dev.authsvc.command.user.domain.UserFixtures.newFixture;
import static dev.authsvc.command.user.domain.UserFixtures.registered;
import static dev.authsvc.command.user.domain.UserFixtures.rejected;

import dev.authsvc.command.user.api.EndSessionCommand;
import dev.authsvc.command.user.api.ProfileUpdated;
import dev.authsvc.command.user.api.SessionsRevoked;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Logout on the query side ends the session here too (a security rule: tokens of ended sessions are refused at once). */
class LogoutTest {

    private static final Instant LATER = T0.plus(Duration.ofMinutes(3));

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void endingAnActiveSession_revokesJustThatSession() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), loggedIn(OTHER_SESSION, T0))
                .andGivenCurrentTime(LATER)
                .when(new EndSessionCommand(USER_ID, SESSION))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionsRevoked(USER_ID, List.of(SESSION), User.REVOKED_BY_LOGOUT, LATER));
    }

    @Test
    void aReusedRefreshTokenOnTheQuerySide_endsTheSessionWithThatReason() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), loggedIn(OTHER_SESSION, T0))
                .andGivenCurrentTime(LATER)
                .when(new EndSessionCommand(USER_ID, SESSION, EndSessionCommand.REFRESH_TOKEN_REUSE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionsRevoked(USER_ID, List.of(SESSION), "refresh_token_reuse", LATER));
    }

    @Test
    void aCommandWithATokenOfALoggedOutSession_isRefusedAtOnce() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0),
                        new SessionsRevoked(USER_ID, List.of(SESSION), User.REVOKED_BY_LOGOUT, T0))
                .andGivenCurrentTime(LATER)
                .when(namesUpdate(SESSION, "John", "Doe"))
                .expectNoEvents()
                .expectException(rejected(Reason.UNAUTHORIZED, null));
    }

    @Test
    void theOtherSessionsGoOn_afterOneLogsOut() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0), loggedIn(OTHER_SESSION, T0),
                        new SessionsRevoked(USER_ID, List.of(SESSION), User.REVOKED_BY_LOGOUT, T0))
                .andGivenCurrentTime(LATER)
                .when(namesUpdate(OTHER_SESSION, "John", "Doe"))
                .expectEvents(new ProfileUpdated(USER_ID, "John", "Doe", LATER));
    }

    @Test
    void endingASessionTwice_recordsNothing() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered(), loggedIn(SESSION, T0),
                        new SessionsRevoked(USER_ID, List.of(SESSION), User.REVOKED_BY_LOGOUT, T0))
                .andGivenCurrentTime(LATER)
                .when(new EndSessionCommand(USER_ID, SESSION))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void endingASessionThatNeverStarted_recordsNothing() {
        fixture.givenCurrentTime(T0)
                .andGiven(registered())
                .when(new EndSessionCommand(USER_ID, "no-such-session"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
