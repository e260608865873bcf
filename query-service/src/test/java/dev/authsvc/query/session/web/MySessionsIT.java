package dev.authsvc.query.session.web;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.authsvc.query.support.CommandServiceStub;
import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class MySessionsIT extends QueryServiceTestSupport {

    @Test
    void mySessions_listsEachLiveSessionWithItsMethodTimesAddressAndUserAgent_andMarksTheCurrentOne() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        LoggedIn laptop = login(userId, email, phone, "employee", request("/login")
                .header("User-Agent", "Laptop/1.0")
                .header("X-Forwarded-For", "203.0.113.7"));
        clock.advance(Duration.ofMinutes(1));
        LoggedIn phoneApp = login(userId, email, phone, "employee", request("/login")
                .header("User-Agent", "PhoneApp/2.0")
                .header("X-Forwarded-For", "198.51.100.1, 203.0.113.8"));
        clock.advance(Duration.ofMinutes(1));
        Instant refreshedAt = clock.instant();
        assertThat(refresh(laptop.refreshToken()).status()).isEqualTo(200);

        Response mine = get("/me/sessions", phoneApp.accessToken());

        assertThat(mine.status()).as(mine.raw().body()).isEqualTo(200);
        List<JsonNode> sessions = sessions(mine);
        assertThat(sessions).hasSize(2);
        JsonNode first = sessions.get(0);
        assertThat(first.get("session_id").asString()).isEqualTo(laptop.verified().sessionId());
        assertThat(first.get("method").asString()).isEqualTo("otp");
        assertThat(Instant.parse(first.get("started_at").asString()))
                .isCloseTo(laptop.verified().authTime(), within(1, ChronoUnit.MILLIS));
        assertThat(Instant.parse(first.get("last_refresh_at").asString())).isAfterOrEqualTo(refreshedAt.minusMillis(1));
        assertThat(first.get("client_address").asString()).isEqualTo("203.0.113.7");
        assertThat(first.get("user_agent").asString()).isEqualTo("Laptop/1.0");
        assertThat(first.get("current").asBoolean()).isFalse();
        JsonNode second = sessions.get(1);
        assertThat(second.get("session_id").asString()).isEqualTo(phoneApp.verified().sessionId());
        assertThat(second.get("client_address").asString())
                .as("the address the trusted proxy saw, not what the client claimed before it")
                .isEqualTo("203.0.113.8");
        assertThat(second.get("user_agent").asString()).isEqualTo("PhoneApp/2.0");
        assertThat(second.get("current").asBoolean()).isTrue();
        assertThat(mine.raw().body()).doesNotContain(laptop.refreshToken()).doesNotContain("token_hash");
    }

    @Test
    void mySessions_leavesOutEndedSessions() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        LoggedIn loggedOut = login(userId, email, phone);
        LoggedIn kept = login(userId, email, phone);
        assertThat(post("/logout", "", loggedOut.accessToken()).status()).isEqualTo(200);

        List<JsonNode> sessions = sessions(get("/me/sessions", kept.accessToken()));

        assertThat(sessions).extracting(session -> session.get("session_id").asString())
                .containsExactly(kept.verified().sessionId());
    }

    @Test
    void mySessions_leavesOutASessionIdleLongerThanTheIdleTimeout() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        LoggedIn idle = login(userId, email, phone);
        clock.advance(Duration.ofDays(15));
        LoggedIn fresh = login(userId, email, phone);

        List<JsonNode> sessions = sessions(get("/me/sessions", fresh.accessToken()));

        assertThat(sessions).extracting(session -> session.get("session_id").asString())
                .containsExactly(fresh.verified().sessionId())
                .doesNotContain(idle.verified().sessionId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "manager", "employee", "auditor"})
    void everyRole_listsAndEndsItsOwnSessions(String role) {
        LoggedIn phoneApp = loginAs(role);
        LoggedIn laptop = login(phoneApp.verified().userId(), phoneApp.verified().email(), phoneApp.verified().phone(),
                role, request("/login"));

        assertThat(sessions(get("/me/sessions", laptop.accessToken()))).hasSize(2);
        assertThat(delete("/me/sessions/" + phoneApp.verified().sessionId(), laptop.accessToken()).status())
                .isEqualTo(204);
        assertThat(sessions(get("/me/sessions", laptop.accessToken()))).hasSize(1);
    }

    @Test
    void mySessions_withoutAValidToken_is401() {
        Response none = get("/me/sessions");
        assertThat(none.status()).isEqualTo(401);
        assertIsProblem(none);
        assertThat(get("/me/sessions", "not.a.token").status()).isEqualTo(401);
        assertThat(delete("/me/sessions/" + TestEvents.uniqueUserId(), null).status()).isEqualTo(401);
    }

    @Test
    void endingOneOfMySessions_refusesItsRefreshAndAccessTokensAtOnce_andTellsCommandServiceWithReasonUser() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        LoggedIn lost = login(userId, email, phone);
        LoggedIn current = login(userId, email, phone);
        String lostSession = lost.verified().sessionId();

        Response ended = delete("/me/sessions/" + lostSession, current.accessToken());

        assertThat(ended.status()).as(ended.raw().body()).isEqualTo(204);
        assertThat(get("/me", lost.accessToken()).status()).isEqualTo(401);
        assertThat(refresh(lost.refreshToken()).status()).isEqualTo(401);
        CommandServiceStub.server().verify(exactly(1),
                CommandServiceStub.sessionEnded(userId, lostSession, MySessionsController.ENDED_BY_USER));
        assertThat(get("/me", current.accessToken()).status()).as("the caller's own session goes on").isEqualTo(200);
        assertThat(sessions(get("/me/sessions", current.accessToken())))
                .extracting(session -> session.get("session_id").asString())
                .containsExactly(current.verified().sessionId());
        assertThat(delete("/me/sessions/" + lostSession, current.accessToken()).status())
                .as("an ended session is no longer one of the caller's").isEqualTo(404);
    }

    @Test
    void endingAnotherUsersSession_is404LikeAnUnknownOne_andThatSessionGoesOn() {
        LoggedIn caller = login();
        LoggedIn other = login();

        Response theirs = delete("/me/sessions/" + other.verified().sessionId(), caller.accessToken());
        Response unknown = delete("/me/sessions/" + TestEvents.uniqueUserId(), caller.accessToken());

        assertThat(theirs.status()).isEqualTo(404);
        assertIsProblem(theirs);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(theirs.text("error")).isEqualTo(unknown.text("error"));
        assertThat(get("/me", other.accessToken()).status()).isEqualTo(200);
        assertThat(refresh(other.refreshToken()).status()).isEqualTo(200);
        CommandServiceStub.server().verify(exactly(0),
                CommandServiceStub.sessionEnded(other.verified().userId(), other.verified().sessionId()));
    }

    private static List<JsonNode> sessions(Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        List<JsonNode> sessions = new ArrayList<>();
        response.body().get("sessions").forEach(sessions::add);
        return sessions;
    }
}
