package dev.authsvc.query.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class AdminUsersIT extends QueryServiceTestSupport {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "/admin/users, admin, 200",
        "/admin/users, manager, 403",
        "/admin/users, employee, 403",
        "/admin/users, auditor, 403",
        "/admin/users/{id}, admin, 200",
        "/admin/users/{id}, manager, 403",
        "/admin/users/{id}, employee, 403",
        "/admin/users/{id}, auditor, 403"})
    void everyAdminPath_isForAdminsOnly_otherRolesGet403WithAProblem(String path, String role, int status) {
        LoggedIn subject = login();
        LoggedIn caller = loginAs(role);

        Response response = get(path.replace("{id}", subject.verified().userId()), caller.accessToken());

        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        if (status == 403) {
            assertIsProblem(response);
            assertThat(response.text("error")).isEqualTo("Only an admin may do this.");
            assertThat(response.raw().body()).doesNotContain(subject.verified().email());
        }
    }

    @ParameterizedTest
    @CsvSource({"/admin/users", "/admin/users/{id}"})
    void everyAdminPath_withoutAValidToken_is401(String path) {
        String resolved = path.replace("{id}", login().verified().userId());

        Response none = get(resolved);
        assertThat(none.status()).isEqualTo(401);
        assertIsProblem(none);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(get(resolved, "not.a.token").status()).isEqualTo(401);
    }

    @Test
    void anAdminWhoseSessionEnded_is401() {
        LoggedIn admin = loginAs("admin");
        assertThat(post("/logout", "", admin.accessToken()).status()).isEqualTo(200);

        assertThat(get("/admin/users", admin.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void search_findsAPrefixOfEmailPhoneOrNameInAnyCase_andFiltersByRole() {
        String tag = tag();
        String byFirstName = register(TestEvents.uniqueEmail(), TestEvents.uniquePhone(), tag + "Ann", "Smith", "employee");
        String byLastName = register(TestEvents.uniqueEmail(), TestEvents.uniquePhone(), "Bob", tag + "Berg", "manager");
        String byEmail = register(tag.toLowerCase(Locale.ROOT) + "c@example.com", TestEvents.uniquePhone(), "Cy", "Cole",
                "employee");
        String phone = TestEvents.uniquePhone();
        String byPhone = register(TestEvents.uniqueEmail(), phone, "Dee", "Dorn", "employee");
        String admin = loginAs("admin").accessToken();

        Response upper = get("/admin/users?query=" + tag.toUpperCase(Locale.ROOT), admin);
        Response lower = get("/admin/users?query=" + tag.toLowerCase(Locale.ROOT), admin);
        Response managers = get("/admin/users?query=" + tag + "&role=manager", admin);
        Response byNumber = get("/admin/users?query=" + phone.replace("+", "%2B").substring(0, phone.length() + 1), admin);
        Response wildcard = get("/admin/users?query=" + tag + "%25", admin);

        assertThat(ids(upper)).containsExactlyInAnyOrder(byFirstName, byLastName, byEmail);
        assertThat(upper.body().get("total").asLong()).isEqualTo(3);
        assertThat(ids(lower)).containsExactlyInAnyOrder(byFirstName, byLastName, byEmail);
        assertThat(ids(managers)).containsExactly(byLastName);
        assertThat(managers.body().get("total").asLong()).isEqualTo(1);
        assertThat(ids(byNumber)).containsExactly(byPhone);
        assertThat(ids(wildcard)).as("a % in the query is a literal character, not a wildcard").isEmpty();
        JsonNode ann = upper.body().get("users").valueStream()
                .filter(user -> user.get("user_id").asString().equals(byFirstName)).findFirst().orElseThrow();
        assertThat(ann.get("first_name").asString()).isEqualTo(tag + "Ann");
        assertThat(ann.get("role").asString()).isEqualTo("employee");
        assertThat(ann.get("status").asString()).isEqualTo("active");
        assertThat(ann.has("last_sequence")).isFalse();
    }

    @Test
    void search_isPagedWithATotal_pagesDoNotOverlap_andTheSizeDefaultsTo20() {
        String tag = tag();
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            registered.add(register(TestEvents.uniqueEmail(), TestEvents.uniquePhone(), tag + i, "Page", "employee"));
        }
        String admin = loginAs("admin").accessToken();

        Response first = get("/admin/users?query=" + tag + "&size=2&page=0", admin);
        Response second = get("/admin/users?query=" + tag + "&size=2&page=1", admin);
        Response third = get("/admin/users?query=" + tag + "&size=2&page=2", admin);
        Response beyond = get("/admin/users?query=" + tag + "&size=2&page=3", admin);
        Response defaults = get("/admin/users?query=" + tag, admin);

        assertThat(ids(first)).hasSize(2);
        assertThat(ids(second)).hasSize(2);
        assertThat(ids(third)).hasSize(1);
        assertThat(ids(beyond)).isEmpty();
        List<String> all = new ArrayList<>(ids(first));
        all.addAll(ids(second));
        all.addAll(ids(third));
        assertThat(all).containsExactlyInAnyOrderElementsOf(registered);
        for (Response page : List.of(first, second, third, beyond)) {
            assertThat(page.body().get("total").asLong()).isEqualTo(5);
            assertThat(page.body().get("size").asInt()).isEqualTo(2);
        }
        assertThat(second.body().get("page").asInt()).isEqualTo(1);
        assertThat(defaults.body().get("size").asInt()).isEqualTo(20);
        assertThat(defaults.body().get("page").asInt()).isEqualTo(0);
        assertThat(ids(defaults)).hasSize(5);
    }

    @Test
    void search_filtersByStatus_aLockUntilAFutureTimeIsLocked_anEndedOneIsActive() {
        String tag = tag();
        String locked = register(TestEvents.uniqueEmail(), TestEvents.uniquePhone(), tag + "Locked", "L", "employee");
        String lockEnded = register(TestEvents.uniqueEmail(), TestEvents.uniquePhone(), tag + "Was", "L", "employee");
        String active = register(TestEvents.uniqueEmail(), TestEvents.uniquePhone(), tag + "Active", "A", "employee");
        publish(TestEvents.locked(locked, 1, clock.instant().plus(Duration.ofMinutes(15))),
                TestEvents.locked(lockEnded, 1, clock.instant().minus(Duration.ofMinutes(1))));
        awaitSequence(locked, 1);
        awaitSequence(lockEnded, 1);
        String admin = loginAs("admin").accessToken();

        assertThat(ids(get("/admin/users?query=" + tag + "&status=locked", admin))).containsExactly(locked);
        assertThat(ids(get("/admin/users?query=" + tag + "&status=active", admin)))
                .containsExactlyInAnyOrder(lockEnded, active);
        assertThat(ids(get("/admin/users?query=" + tag + "&status=disabled", admin))).isEmpty();
        Response one = get("/admin/users/" + locked, admin);
        assertThat(one.text("status")).isEqualTo("locked");
        assertThat(one.text("locked_until")).isNotNull();
        assertThat(get("/admin/users/" + lockEnded, admin).text("locked_until")).as("a lock that ran out").isNull();
    }

    @Test
    void search_aDisabledUserIsDisabled_withTheAdminsReason_andAnUnlockedOneIsActiveAgain() {
        String tag = tag();
        String disabled = register(TestEvents.uniqueEmail(), TestEvents.uniquePhone(), tag + "Gone", "D", "employee");
        String unlocked = register(TestEvents.uniqueEmail(), TestEvents.uniquePhone(), tag + "Back", "U", "employee");
        publish(TestEvents.disabled(disabled, 1, "left the company"),
                TestEvents.locked(unlocked, 1, clock.instant().plus(Duration.ofMinutes(15))),
                TestEvents.unlocked(unlocked, 2));
        awaitSequence(disabled, 1);
        awaitSequence(unlocked, 2);
        String admin = loginAs("admin").accessToken();

        assertThat(ids(get("/admin/users?query=" + tag + "&status=disabled", admin))).containsExactly(disabled);
        assertThat(ids(get("/admin/users?query=" + tag + "&status=active", admin))).containsExactly(unlocked);
        assertThat(ids(get("/admin/users?query=" + tag + "&status=locked", admin))).isEmpty();
        Response one = get("/admin/users/" + disabled, admin);
        assertThat(one.text("status")).isEqualTo("disabled");
        assertThat(one.text("disabled_reason")).isEqualTo("left the company");
        assertThat(one.body().get("sessions").size()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "page=-1, page",
        "page=abc, page",
        "page=1.5, page",
        "size=0, size",
        "size=101, size",
        "size=x, size",
        "role=superuser, role",
        "status=sleeping, status"})
    void search_badParameters_are400NamingThem(String parameter, String field) {
        String admin = loginAs("admin").accessToken();

        Response response = get("/admin/users?" + parameter, admin);

        assertThat(response.status()).as(response.raw().body()).isEqualTo(400);
        assertIsProblem(response);
        assertThat(response.text("field")).isEqualTo(field);
        assertThat(response.text("error")).contains("'" + field + "'");
    }

    @Test
    void search_aQueryOverTwoHundredCharacters_is400NamingIt_andTheLimitsAreAccepted() {
        String admin = loginAs("admin").accessToken();

        Response tooLong = get("/admin/users?query=" + "a".repeat(201), admin);

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.text("field")).isEqualTo("query");
        assertThat(get("/admin/users?query=" + "a".repeat(200), admin).status()).isEqualTo(200);
        assertThat(get("/admin/users?size=100&page=0", admin).status()).isEqualTo(200);
        assertThat(get("/admin/users?size=1", admin).status()).isEqualTo(200);
    }

    @Test
    void oneUser_isShownWithTheirLiveSessions_addressAndUserAgentIncluded() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        LoggedIn live = login(userId, email, phone, "employee", request("/login")
                .header("User-Agent", "Laptop/1.0")
                .header("X-Forwarded-For", "203.0.113.7"));
        LoggedIn loggedOut = login(userId, email, phone);
        assertThat(post("/logout", "", loggedOut.accessToken()).status()).isEqualTo(200);
        String admin = loginAs("admin").accessToken();

        Response user = get("/admin/users/" + userId, admin);

        assertThat(user.status()).as(user.raw().body()).isEqualTo(200);
        assertThat(user.text("user_id")).isEqualTo(userId);
        assertThat(user.text("email")).isEqualTo(email);
        assertThat(user.text("phone_number")).isEqualTo(phone);
        assertThat(user.text("role")).isEqualTo("employee");
        assertThat(user.text("status")).isEqualTo("active");
        assertThat(user.text("disabled_reason")).isNull();
        JsonNode sessions = user.body().get("sessions");
        assertThat(sessions.size()).isEqualTo(1);
        JsonNode session = sessions.get(0);
        assertThat(session.get("session_id").asString()).isEqualTo(live.verified().sessionId());
        assertThat(session.get("method").asString()).isEqualTo("otp");
        assertThat(session.get("started_at").asString()).isNotBlank();
        assertThat(session.get("last_refresh_at").asString()).isNotBlank();
        assertThat(session.get("client_address").asString()).isEqualTo("203.0.113.7");
        assertThat(session.get("user_agent").asString()).isEqualTo("Laptop/1.0");
        assertThat(session.has("current")).isFalse();
        assertThat(user.raw().body()).doesNotContain(live.refreshToken());
    }

    @Test
    void oneUser_unknown_is404WithAProblem() {
        String admin = loginAs("admin").accessToken();

        Response unknown = get("/admin/users/" + UUID.randomUUID(), admin);

        assertThat(unknown.status()).isEqualTo(404);
        assertIsProblem(unknown);
    }

    private String register(String email, String phone, String firstName, String lastName, String role) {
        String userId = TestEvents.uniqueUserId();
        publish(TestEvents.registered(userId, email, phone, firstName, lastName, role));
        awaitSequence(userId, 0);
        return userId;
    }

    /** Letters no other test's users start with, in mixed case. */
    private static String tag() {
        StringBuilder tag = new StringBuilder("Qz");
        for (int i = 0; i < 8; i++) {
            char letter = (char) ('a' + ThreadLocalRandom.current().nextInt(26));
            tag.append(i % 2 == 0 ? Character.toUpperCase(letter) : letter);
        }
        return tag.toString();
    }

    private static List<String> ids(Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.body().get("users").forEach(user -> ids.add(user.get("user_id").asString()));
        return ids;
    }
}
