package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.AdminTestSupport;
import dev.authsvc.command.support.TestTokens;
import dev.authsvc.command.user.api.AccountUnlocked;
import dev.authsvc.command.user.api.OtpRequested;
import dev.authsvc.command.user.api.RoleChanged;
import dev.authsvc.command.user.api.SessionsRevoked;
import dev.authsvc.command.user.api.UserDisabled;
import dev.authsvc.command.user.api.UserEnabled;
import dev.authsvc.command.user.domain.LockoutPolicy;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admin paths over HTTP: who may use them, what each does, and how a disabled user is refused at once. */
class AdminApiIT extends AdminTestSupport {

    private static final String NOBODY = "00000000-0000-4000-8000-000000000000";

    private static String path(String template, String userId) {
        return template.replace("{id}", userId).replace("{sid}", UUID.randomUUID().toString());
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @CsvSource({
        "PUT, /admin/users/{id}/role, manager", "PUT, /admin/users/{id}/role, employee",
        "PUT, /admin/users/{id}/role, auditor",
        "POST, /admin/users/{id}/disable, manager", "POST, /admin/users/{id}/disable, employee",
        "POST, /admin/users/{id}/disable, auditor",
        "POST, /admin/users/{id}/enable, manager", "POST, /admin/users/{id}/enable, employee",
        "POST, /admin/users/{id}/enable, auditor",
        "POST, /admin/users/{id}/sessions/revoke, manager", "POST, /admin/users/{id}/sessions/revoke, employee",
        "POST, /admin/users/{id}/sessions/revoke, auditor",
        "DELETE, /admin/users/{id}/sessions/{sid}, manager", "DELETE, /admin/users/{id}/sessions/{sid}, employee",
        "DELETE, /admin/users/{id}/sessions/{sid}, auditor",
        "POST, /admin/users/{id}/unlock, manager", "POST, /admin/users/{id}/unlock, employee",
        "POST, /admin/users/{id}/unlock, auditor"})
    void everyAdminPath_isForbiddenToEveryOtherRole_withAProblem(String method, String template, String role) {
        SignedIn caller = newUser(role);
        SignedIn target = newUser("employee");
        int before = events(target.userId()).size();

        Response response = call(method, path(template, target.userId()),
                "{\"role\": \"manager\", \"reason\": \"test\"}", caller.token());

        assertThat(response.status()).as(response.raw().body()).isEqualTo(403);
        assertIsProblem(response);
        assertThat(events(target.userId())).hasSize(before);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"PUT, /admin/users/{id}/role", "POST, /admin/users/{id}/disable", "POST, /admin/users/{id}/enable",
        "POST, /admin/users/{id}/sessions/revoke", "DELETE, /admin/users/{id}/sessions/{sid}",
        "POST, /admin/users/{id}/unlock"})
    void everyAdminPath_needsAnAccessToken(String method, String template) {
        Response response = call(method, path(template, NOBODY), "{\"role\": \"manager\", \"reason\": \"x\"}", null);

        assertThat(response.status()).isEqualTo(401);
        assertIsProblem(response);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"PUT, /admin/users/{id}/role", "POST, /admin/users/{id}/disable", "POST, /admin/users/{id}/enable",
        "POST, /admin/users/{id}/sessions/revoke", "DELETE, /admin/users/{id}/sessions/{sid}",
        "POST, /admin/users/{id}/unlock"})
    void anUnknownUser_isNotFound(String method, String template) {
        SignedIn admin = newAdmin();
        for (String id : new String[] {NOBODY, "not-a-user-id"}) {
            Response response = call(method, path(template, id), "{\"role\": \"manager\", \"reason\": \"x\"}",
                    admin.token());

            assertThat(response.status()).as(response.raw().body()).isEqualTo(404);
            assertIsProblem(response);
        }
    }

    @Test
    void aRoleChange_isRecordedWithTheActingAdminRequestAndClientAddress() {
        SignedIn admin = newAdmin();
        SignedIn user = newUser("employee");

        Response response = send(request("/admin/users/" + user.userId() + "/role")
                .header("Authorization", "Bearer " + admin.token())
                .header("X-Request-Id", "admin-4711")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"role\": \"auditor\"}")));

        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        assertThat(response.text("role")).isEqualTo("auditor");
        DomainEventMessage<?> changed = events(user.userId()).stream()
                .filter(event -> event.getPayload() instanceof RoleChanged).findFirst().orElseThrow();
        assertThat(changed.getPayload()).extracting("role", "previousRole")
                .containsExactly(dev.authsvc.command.user.api.Role.AUDITOR, dev.authsvc.command.user.api.Role.EMPLOYEE);
        assertThat(changed.getMetaData())
                .containsEntry("acting_user_id", admin.userId())
                .containsEntry("request_id", "admin-4711")
                .containsEntry("client_address", "127.0.0.1");
    }

    @Test
    void aBadRole_isRefusedNamingTheRoleField() {
        SignedIn admin = newAdmin();
        SignedIn user = newUser("employee");
        for (String body : new String[] {"{\"role\": \"superuser\"}", "{}", "{\"role\": \"\"}"}) {
            Response response = put("/admin/users/" + user.userId() + "/role", body, admin.token());

            assertThat(response.status()).as(body).isEqualTo(400);
            assertIsProblem(response);
            assertThat(response.text("field")).isEqualTo("role");
        }
        assertThat(events(user.userId(), RoleChanged.class)).isEmpty();
    }

    @Test
    void aDisabledUser_isRefusedAtOnce_andCannotLogInByAnyMethod() {
        SignedIn admin = newAdmin();
        SignedIn user = newUser("employee");
        assertThat(put("/update-account", "{\"first_name\": \"Before\"}", user.token()).status()).isEqualTo(200);

        long start = System.nanoTime();
        Response disabled = post("/admin/users/" + user.userId() + "/disable", "{\"reason\": \"left the company\"}",
                admin.token());
        assertThat(disabled.status()).as(disabled.raw().body()).isEqualTo(200);
        Response refused = put("/update-account", "{\"first_name\": \"After\"}", user.token());
        assertThat(System.nanoTime() - start).as("refused within a second").isLessThan(1_000_000_000L);
        assertThat(refused.status()).isEqualTo(403);
        assertIsProblem(refused);

        assertThat(events(user.userId(), UserDisabled.class)).singleElement()
                .extracting(UserDisabled::reason).isEqualTo("left the company");
        assertThat(events(user.userId(), SessionsRevoked.class)).last()
                .satisfies(revoked -> {
                    assertThat(revoked.reason()).isEqualTo("admin");
                    assertThat(revoked.sessionIds()).contains(user.sessionId());
                });

        // The right password is told the account is disabled; a wrong one gets the answer of any wrong password.
        Response right = passwordLogin(user.email(), PASSWORD);
        assertThat(right.status()).isEqualTo(403);
        assertThat(right.text("error")).contains("disabled");
        Response wrong = passwordLogin(user.email(), "wrong horse battery");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.raw().body()).doesNotContain("disabled");

        // A code is asked for as for any number, and none is sent.
        assertThat(post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(user.phone())).status()).isEqualTo(200);
        assertThat(events(user.userId(), OtpRequested.class)).isEmpty();
    }

    @Test
    void disablingTwice_isAnswered200AndRecordedOnce_andEnablingLetsTheUserLogInAgain() {
        SignedIn admin = newAdmin();
        SignedIn user = newUser("employee");
        String disable = "/admin/users/" + user.userId() + "/disable";

        assertThat(post(disable, "{\"reason\": \"audit\"}", admin.token()).body().get("changed").asBoolean()).isTrue();
        Response again = post(disable, "{\"reason\": \"audit\"}", admin.token());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("changed").asBoolean()).isFalse();
        assertThat(events(user.userId(), UserDisabled.class)).hasSize(1);

        Response enabled = post("/admin/users/" + user.userId() + "/enable", "{}", admin.token());
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.body().get("changed").asBoolean()).isTrue();
        assertThat(post("/admin/users/" + user.userId() + "/enable", "{}", admin.token()).body().get("changed")
                .asBoolean()).isFalse();
        assertThat(events(user.userId(), UserEnabled.class)).hasSize(1);

        assertThat(passwordLogin(user.email(), PASSWORD).status()).isEqualTo(200);
        // the sessions the disabling ended stay ended
        assertThat(put("/update-account", "{\"first_name\": \"Old\"}", user.token()).status()).isEqualTo(401);
    }

    @Test
    void disablingWithoutAReason_isRefusedNamingTheReasonField() {
        SignedIn admin = newAdmin();
        SignedIn user = newUser("employee");

        Response response = post("/admin/users/" + user.userId() + "/disable", "{}", admin.token());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("field")).isEqualTo("reason");
    }

    @Test
    void revokingAllSessions_refusesTheirTokensAtOnce() {
        SignedIn admin = newAdmin();
        SignedIn user = newUser("employee");
        SignedIn second = logIn(user.email(), user.phone(), "employee");

        Response response = post("/admin/users/" + user.userId() + "/sessions/revoke", "{}", admin.token());

        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        assertThat(put("/update-account", "{\"first_name\": \"A\"}", user.token()).status()).isEqualTo(401);
        assertThat(put("/update-account", "{\"first_name\": \"B\"}", second.token()).status()).isEqualTo(401);
        assertThat(events(user.userId(), SessionsRevoked.class)).last().satisfies(revoked -> {
            assertThat(revoked.reason()).isEqualTo("admin");
            assertThat(revoked.sessionIds()).contains(user.sessionId(), second.sessionId());
        });
    }

    @Test
    void revokingOneSession_endsJustThatOne_andAnUnknownSessionIsNotFound() {
        SignedIn admin = newAdmin();
        SignedIn user = newUser("employee");
        SignedIn second = logIn(user.email(), user.phone(), "employee");
        String sessions = "/admin/users/" + user.userId() + "/sessions/";

        assertThat(delete(sessions + second.sessionId(), admin.token()).status()).isEqualTo(200);
        assertThat(put("/update-account", "{\"first_name\": \"B\"}", second.token()).status()).isEqualTo(401);
        assertThat(put("/update-account", "{\"first_name\": \"A\"}", user.token()).status()).isEqualTo(200);

        for (String unknown : new String[] {second.sessionId(), UUID.randomUUID().toString(), "nope"}) {
            Response response = delete(sessions + unknown, admin.token());
            assertThat(response.status()).as(unknown).isEqualTo(404);
            assertIsProblem(response);
        }
    }

    @Test
    void unlocking_liftsTheLockout() {
        SignedIn admin = newAdmin();
        SignedIn user = newUser("employee");
        for (int i = 0; i < LockoutPolicy.FAILURES_PER_LOCK; i++) {
            passwordLogin(user.email(), "wrong horse battery");
        }
        assertThat(passwordLogin(user.email(), PASSWORD).status()).isEqualTo(429);

        Response response = post("/admin/users/" + user.userId() + "/unlock", "{}", admin.token());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("changed").asBoolean()).isTrue();
        assertThat(events(user.userId(), AccountUnlocked.class)).hasSize(1);
        assertThat(passwordLogin(user.email(), PASSWORD).status()).isEqualTo(200);
        assertThat(post("/admin/users/" + user.userId() + "/unlock", "{}", admin.token()).body().get("changed")
                .asBoolean()).isFalse();
    }

    @Test
    void aDemotedAdmin_isRefusedAtOnce_thoughTheirTokenStillSaysAdmin() {
        SignedIn admin = newAdmin();
        SignedIn other = newAdmin();
        SignedIn user = newUser("employee");

        assertThat(put("/admin/users/" + other.userId() + "/role", "{\"role\": \"manager\"}", admin.token()).status())
                .isEqualTo(200);

        Response response = post("/admin/users/" + user.userId() + "/unlock", "{}", other.token());
        assertThat(response.status()).isEqualTo(403);
        assertIsProblem(response);
    }

    @Test
    void aDisabledAdmin_isRefusedAtOnce() {
        SignedIn admin = newAdmin();
        SignedIn other = newAdmin();

        assertThat(post("/admin/users/" + other.userId() + "/disable", "{\"reason\": \"x\"}", admin.token()).status())
                .isEqualTo(200);

        Response response = post("/admin/users/" + admin.userId() + "/unlock", "{}", other.token());
        assertThat(response.status()).isIn(401, 403);
        assertIsProblem(response);
    }

    @Test
    void aTokenOfAnotherIssuerKey_isRefused() {
        SignedIn user = newUser("employee");
        Response response = post("/admin/users/" + user.userId() + "/unlock", "{}",
                TestTokens.forgedAccessToken(user.userId(), user.sessionId()));
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void endingOwnSessionFromTheQuerySide_isRecordedWithReasonUser() {
        SignedIn user = newUser("employee");

        Response response = internalPost("/internal/sessions/end",
                "{\"user_id\": \"%s\", \"session_id\": \"%s\", \"reason\": \"user\"}".formatted(user.userId(),
                        user.sessionId()));

        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        assertThat(events(user.userId(), SessionsRevoked.class)).last().satisfies(revoked -> {
            assertThat(revoked.reason()).isEqualTo("user");
            assertThat(revoked.sessionIds()).isEqualTo(List.of(user.sessionId()));
        });
    }
}
