package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.TestTokens;
import dev.authsvc.command.user.api.ProfileUpdated;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Commands for one user at the same moment wait for each other until the one before has committed, so none of
 * them appends at a sequence number another transaction still holds: no append is rolled back and tried again, and
 * the global index of the events stays without holes. (The user's lock used to end with Axon's unit of work, inside
 * the database transaction: the next command then loaded the user without the last, uncommitted event, appended at
 * the same sequence number, and was rolled back, leaving a hole that every reader of the store then carried as a
 * gap.)
 */
class ConcurrentAccountUpdateIT extends ApiTestSupport {

    private static final int UPDATES = 24;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void updatesOfOneUserAtOnce_allApply_oneAfterTheOther_withoutAHoleInTheGlobalIndex() throws Exception {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");
        String token = TestTokens.accessToken(userId, loginWithOtp(userId, phone).get("session_id").asString());
        long before = jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry", Long.class);

        List<Response> answers = atOnce(UPDATES, Duration.ofSeconds(60),
                i -> put("/update-account", "{\"first_name\": \"Name%d\"}".formatted(i), token));

        assertThat(answers).extracting(Response::status).containsOnly(200);
        assertThat(events(userId, ProfileUpdated.class)).hasSize(UPDATES);
        List<Long> indexes = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry WHERE global_index > ? ORDER BY global_index", Long.class,
                before);
        assertThat(indexes).hasSize(UPDATES);
        assertThat(indexes.get(UPDATES - 1) - indexes.get(0)).as("holes between the appended events: %s", indexes)
                .isEqualTo(UPDATES - 1);
    }
}
