package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.config.BoundedPasswordEncoder;
import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.UserLoggedIn;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A flood of password logins against a bound of one bcrypt at a time and a 100 ms wait for a turn (a bcrypt of
 * cost 12, the seed's, takes longer than that; the other tests hash at cost 4): the login whose turn comes is
 * verified, the others are refused 503 with Retry-After before any bcrypt is spent on them, and a refusal changes
 * nothing: no failure counted, no lock.
 */
@TestPropertySource(properties = {"auth.test.bcrypt-cost=12", "auth.password.concurrent-hashes=1",
        "auth.password.hashing-max-wait=100ms"})
class PasswordLoginFloodIT extends ApiTestSupport {

    private static final String PASSWORD = "correct horse battery";
    private static final int LOGINS = 16;
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Autowired
    MeterRegistry meters;

    @Test
    void loginsBeyondWhatTheCoresCanVerifyInTime_areRefused503WithRetryAfter_andLeaveNoTrace() throws Exception {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), PASSWORD);
        double refusedBefore = refused();

        List<Response> responses = atOnce(LOGINS, BOUND, i -> passwordLogin(email, PASSWORD));

        List<Response> verified = responses.stream().filter(r -> r.status() == 200).toList();
        List<Response> refused = responses.stream().filter(r -> r.status() == 503).toList();
        assertThat(verified.size() + refused.size()).as("every answer is a login or a refusal").isEqualTo(LOGINS);
        assertThat(verified).isNotEmpty();
        assertThat(refused).isNotEmpty().allSatisfy(response -> {
            assertThat(response.raw().headers().firstValue("Retry-After")).contains("1");
            assertThat(response.text("error"))
                    .isEqualTo("The service is busy checking passwords; try again in a moment.");
        });
        assertThat(refused() - refusedBefore).isEqualTo(refused.size());
        assertThat(events(userId, UserLoggedIn.class)).hasSize(verified.size());
        assertThat(events(userId, LoginFailed.class)).isEmpty();
        // Once the flood is over the account logs in as before: nothing was locked or counted against it.
        assertThat(passwordLogin(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aFloodOfLoginsOfAnUnknownEmail_isRefusedAlike() throws Exception {
        String email = uniqueEmail();

        List<Response> responses = atOnce(LOGINS, BOUND, i -> passwordLogin(email, PASSWORD));

        // The decoy check waits for its turn as a real one does: some 401s, the rest 503s, as for an account.
        assertThat(responses).extracting(Response::status).containsOnly(401, 503).contains(401, 503);
    }

    private double refused() {
        return meters.get(BoundedPasswordEncoder.REFUSED_METRIC).counter().count();
    }
}
