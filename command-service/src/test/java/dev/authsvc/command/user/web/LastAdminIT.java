package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.AdminTestSupport;
import dev.authsvc.command.user.api.RoleChanged;
import dev.authsvc.command.user.api.UserDisabled;
import dev.authsvc.command.user.infrastructure.AdminRoster;
import dev.authsvc.command.user.infrastructure.AdminRosterBackfill;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The service keeps an active admin. A database of its own (the property below makes a context of its own), and
 * each test starts from an empty roster, so the only admins that count are those the test makes.
 */
@TestPropertySource(properties = "auth.test.context=last-admin")
class LastAdminIT extends AdminTestSupport {

    private static final int ROUNDS = 5;

    @Autowired
    AdminRoster roster;

    @Autowired
    AdminRosterBackfill backfill;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void emptyRoster() {
        jdbc.sql("DELETE FROM admin_roster").update();
        jdbc.sql("UPDATE admin_roster_guard SET backfilled = TRUE").update();
    }

    @Test
    void theLastAdmin_cannotDemoteOrDisableThemselves() {
        SignedIn admin = newAdmin();

        Response demote = put("/admin/users/" + admin.userId() + "/role", "{\"role\": \"employee\"}", admin.token());
        assertThat(demote.status()).as(demote.raw().body()).isEqualTo(409);
        assertIsProblem(demote);
        Response disable = post("/admin/users/" + admin.userId() + "/disable", "{\"reason\": \"bye\"}", admin.token());
        assertThat(disable.status()).as(disable.raw().body()).isEqualTo(409);
        assertIsProblem(disable);

        assertThat(events(admin.userId(), RoleChanged.class)).isEmpty();
        assertThat(events(admin.userId(), UserDisabled.class)).isEmpty();
        assertThat(roster.activeAdmins()).containsExactly(admin.userId());
    }

    @Test
    void anAdmin_mayStepDown_whenAnotherActiveAdminRemains() {
        SignedIn admin = newAdmin();
        SignedIn other = newAdmin();

        assertThat(put("/admin/users/" + admin.userId() + "/role", "{\"role\": \"manager\"}", admin.token()).status())
                .isEqualTo(200);

        assertThat(roster.activeAdmins()).containsExactly(other.userId());
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnce_cannotBothSucceed() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            SignedIn a = newAdmin();
            SignedIn b = newAdmin();
            List<Response> answers = race(
                    () -> put("/admin/users/" + b.userId() + "/role", "{\"role\": \"employee\"}", a.token()),
                    () -> put("/admin/users/" + a.userId() + "/role", "{\"role\": \"employee\"}", b.token()));

            assertThat(answers).extracting(Response::status).as("round %d", round).containsOnlyOnce(200);
            assertThat(roster.activeAdmins()).as("round %d", round).hasSize(1);
            assertThat(events(a.userId(), RoleChanged.class).size() + events(b.userId(), RoleChanged.class).size())
                    .isEqualTo(1);
            emptyRoster();
        }
    }

    @Test
    void twoAdminsDisablingEachOtherAtOnce_cannotBothSucceed() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            SignedIn a = newAdmin();
            SignedIn b = newAdmin();
            List<Response> answers = race(
                    () -> post("/admin/users/" + b.userId() + "/disable", "{\"reason\": \"race\"}", a.token()),
                    () -> post("/admin/users/" + a.userId() + "/disable", "{\"reason\": \"race\"}", b.token()));

            assertThat(answers).extracting(Response::status).as("round %d", round).containsOnlyOnce(200);
            assertThat(roster.activeAdmins()).as("round %d", round).hasSize(1);
            emptyRoster();
        }
    }

    /**
     * At the first start after the upgrade the roster is built from the stored events: the admins made before it
     * existed count, a disabled or demoted one does not, a promoted user does. Once only.
     */
    @Test
    void theRosterIsBuiltFromTheStoredEvents_onceAtTheFirstStart() {
        SignedIn admin = newAdmin();
        SignedIn disabled = newAdmin();
        SignedIn promoted = newUser("employee");
        assertThat(post("/admin/users/" + disabled.userId() + "/disable", "{\"reason\": \"x\"}", admin.token())
                .status()).isEqualTo(200);
        assertThat(put("/admin/users/" + promoted.userId() + "/role", "{\"role\": \"admin\"}", admin.token())
                .status()).isEqualTo(200);
        // as before the upgrade: the events are stored, the roster knows nothing
        jdbc.sql("DELETE FROM admin_roster").update();
        jdbc.sql("UPDATE admin_roster_guard SET backfilled = FALSE").update();

        backfill.backfill();

        assertThat(roster.activeAdmins()).contains(admin.userId(), promoted.userId())
                .doesNotContain(disabled.userId());
        jdbc.sql("DELETE FROM admin_roster WHERE user_id = ?").param(promoted.userId()).update();
        backfill.backfill();
        assertThat(roster.activeAdmins()).as("a second start replays nothing").doesNotContain(promoted.userId());
    }

    /** Runs both at once (released together by a barrier) and answers both responses. */
    private static List<Response> race(Supplier<Response> first, Supplier<Response> second) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (Supplier<Response> call : List.of(first, second)) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return call.get();
                }, threads));
            }
            List<Response> responses = new ArrayList<>();
            for (CompletableFuture<Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }
}
