package dev.authsvc.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEvents;
import dev.authsvc.query.user.UserView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A disabled user's tokens are refused as soon as {@code UserDisabled} is applied: every path of this service that
 * takes an access token, and the refresh, answer 401 from that moment, not when the tokens expire.
 */
class DisabledUserIT extends QueryServiceTestSupport {

    @Test
    void disabledUser_refreshAndAccessTokensAreRefusedOnEveryPathTheMomentTheEventIsApplied() {
        LoggedIn admin = loginAs("admin");
        String userId = admin.verified().userId();
        LoggedIn second = login(userId, admin.verified().email(), admin.verified().phone(), "admin", request("/login"));
        List<String> paths = List.of("/me", "/me/sessions", "/admin/users", "/admin/users/" + userId);
        for (String path : paths) {
            assertThat(get(path, admin.accessToken()).status()).as("before: " + path).isEqualTo(200);
        }

        publish(TestEvents.at(TestEvents.disabled(userId, 1, "left the company"), clock.instant()));
        UserView applied = awaitUser(userId, UserView::disabled);
        Instant seen = Instant.now();

        for (String path : paths) {
            assertThat(get(path, admin.accessToken()).status()).as(path).isEqualTo(401);
            assertThat(get(path, second.accessToken()).status()).as(path).isEqualTo(401);
        }
        assertThat(delete("/me/sessions/" + second.verified().sessionId(), admin.accessToken()).status())
                .isEqualTo(401);
        assertThat(refresh(admin.refreshToken()).status()).isEqualTo(401);
        assertThat(refresh(second.refreshToken()).status()).isEqualTo(401);
        assertThat(Duration.between(seen, Instant.now())).as("all refused within a second of the event being applied")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(applied.disabledReason()).isEqualTo("left the company");
    }

    @Test
    void disabledUser_aRefreshTokenPresentedAfterTheDisableIsRefusedEvenWhenTheSessionBeganAfterTheEventsTime() {
        // The command side refuses a disabled user's login; should a session still be started (its auth time after
        // the event's), the disabled flag alone refuses it.
        LoggedIn user = login();
        String userId = user.verified().userId();
        publish(TestEvents.at(TestEvents.disabled(userId, 1, "fraud"), user.verified().authTime().minusSeconds(60)));
        awaitUser(userId, UserView::disabled);

        assertThat(get("/me", user.accessToken()).status()).isEqualTo(401);
        assertThat(refresh(user.refreshToken()).status()).isEqualTo(401);
    }

    @Test
    void enabledAgain_theEndedSessionsStayEnded_butANewLoginWorks() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        LoggedIn before = login(userId, email, phone);
        clock.advance(Duration.ofSeconds(1));
        publish(TestEvents.at(TestEvents.disabled(userId, 1, "on leave"), clock.instant()));
        awaitUser(userId, UserView::disabled);
        clock.advance(Duration.ofSeconds(1));
        publish(TestEvents.at(TestEvents.enabled(userId, 2), clock.instant()));
        awaitUser(userId, user -> !user.disabled());
        clock.advance(Duration.ofSeconds(1));

        LoggedIn after = login(userId, email, phone);

        assertThat(get("/me", before.accessToken()).status()).isEqualTo(401);
        assertThat(refresh(before.refreshToken()).status()).isEqualTo(401);
        assertThat(get("/me", after.accessToken()).status()).isEqualTo(200);
        assertThat(refresh(after.refreshToken()).status()).isEqualTo(200);
    }
}
