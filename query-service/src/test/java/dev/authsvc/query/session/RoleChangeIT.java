package dev.authsvc.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEvents;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A role change reaches the tokens at the next refresh; the admin paths follow user_view's role at once. */
class RoleChangeIT extends QueryServiceTestSupport {

    @Test
    void roleChanged_theNextRefreshCarriesTheNewRole() {
        LoggedIn user = login();
        String userId = user.verified().userId();
        assertThat(verifyWithJwks(user.accessToken()).get("role", String.class)).isEqualTo("employee");
        clock.advance(Duration.ofSeconds(1));

        publish(TestEvents.at(TestEvents.roleChanged(userId, 1, "auditor", "employee"), clock.instant()));
        awaitUser(userId, view -> "auditor".equals(view.role()));
        Response refreshed = refresh(user.refreshToken());

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(verifyWithJwks(refreshed.text("access_token")).get("role", String.class)).isEqualTo("auditor");
        assertThat(get("/me", refreshed.text("access_token")).text("role")).isEqualTo("auditor");
    }

    @Test
    void promotedToAdmin_theOldTokenIs403_andTheRefreshedOneReachesTheAdminPaths() {
        LoggedIn user = login();
        String userId = user.verified().userId();
        clock.advance(Duration.ofSeconds(1));

        publish(TestEvents.at(TestEvents.roleChanged(userId, 1, "admin", "employee"), clock.instant()));
        awaitUser(userId, view -> "admin".equals(view.role()));

        assertThat(get("/admin/users", user.accessToken()).status()).isEqualTo(403);
        Response refreshed = refresh(user.refreshToken());
        assertThat(get("/admin/users", refreshed.text("access_token")).status()).isEqualTo(200);
    }

    @Test
    void demotedAdmin_is403OnTheAdminPathsAtOnce_evenWithATokenThatStillSaysAdmin() {
        LoggedIn admin = loginAs("admin");
        String userId = admin.verified().userId();
        assertThat(get("/admin/users", admin.accessToken()).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));

        publish(TestEvents.at(TestEvents.roleChanged(userId, 1, "employee", "admin"), clock.instant()));
        awaitUser(userId, view -> "employee".equals(view.role()));

        assertThat(verifyWithJwks(admin.accessToken()).get("role", String.class)).isEqualTo("admin");
        Response refused = get("/admin/users", admin.accessToken());
        assertThat(refused.status()).isEqualTo(403);
        assertIsProblem(refused);
    }
}
