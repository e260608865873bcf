package dev.authsvc.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.query.support.QueryServiceTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code POST /admin/read-models/rebuild} and {@code GET .../{job}} over HTTP: who may, and what they answer. */
class ReadModelRebuildApiIT extends QueryServiceTestSupport {

    private static final String PATH = "/admin/read-models/rebuild";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RebuildJobRepository jobs;

    @Test
    void anAdmin_starts_a_rebuild_202_withWhereToFollowIt_andTheJobReportsEveryEventApplied() {
        String admin = loginAs("admin").accessToken();

        Response started = post(PATH, "", admin);

        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        String jobId = started.text("job_id");
        assertThat(started.header("Location")).isEqualTo(PATH + "/" + jobId);
        assertThat(started.text("state")).isEqualTo("running");
        Response finished = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(PATH + "/" + jobId, admin), job -> !"running".equals(job.text("state")));
        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.text("state")).as(finished.raw().body()).isEqualTo("succeeded");
        assertThat(finished.body().get("applied").asLong()).isEqualTo(finished.body().get("total").asLong())
                .isPositive();
        assertThat(finished.body().get("differences").isArray()).isTrue();
        assertThat(finished.text("finished_at")).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "employee", "auditor"})
    void everyOtherRole_gets403WithAProblem_andNoJobStarts(String role) {
        String caller = loginAs(role).accessToken();
        long jobsBefore = jobCount();

        Response start = post(PATH, "", caller);
        Response job = get(PATH + "/" + UUID.randomUUID(), caller);

        for (Response response : new Response[] {start, job}) {
            assertThat(response.status()).as(response.raw().body()).isEqualTo(403);
            assertIsProblem(response);
            assertThat(response.text("error")).isEqualTo("Only an admin may do this.");
        }
        assertThat(jobCount()).isEqualTo(jobsBefore);
    }

    @Test
    void withoutAValidToken_both_are401() {
        long jobsBefore = jobCount();

        for (Response response : new Response[] {post(PATH, ""), get(PATH + "/" + UUID.randomUUID()),
                post(PATH, "", "not.a.token")}) {
            assertThat(response.status()).as(response.raw().body()).isEqualTo(401);
            assertIsProblem(response);
        }
        assertThat(post(PATH, "").header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(jobCount()).isEqualTo(jobsBefore);
    }

    @Test
    void anUnknownOrMalformedJobId_is404WithAProblem() {
        String admin = loginAs("admin").accessToken();
        String unknown = UUID.randomUUID().toString();

        Response missing = get(PATH + "/" + unknown, admin);
        Response malformed = get(PATH + "/not-a-job';--", admin);

        assertThat(missing.status()).isEqualTo(404);
        assertIsProblem(missing);
        assertThat(missing.text("error")).contains(unknown);
        assertThat(malformed.status()).isEqualTo(404);
        assertIsProblem(malformed);
        assertThat(malformed.text("error")).doesNotContain("not-a-job");
    }

    @Test
    void whileAnotherRebuildRuns_aSecondIs409WithAProblemNamingIt() {
        String admin = loginAs("admin").accessToken();
        String other = UUID.randomUUID().toString();
        assertThat(jobs.startRunning(other, "user_view", Instant.now())).isPresent();
        try {
            Response second = post(PATH, "", admin);

            assertThat(second.status()).as(second.raw().body()).isEqualTo(409);
            assertIsProblem(second);
            assertThat(second.text("error")).contains(other);
        } finally {
            jobs.failed(other, "ended by the test", Instant.now());
        }
    }

    private long jobCount() {
        return jdbc.sql("SELECT COUNT(*) FROM read_model_rebuild").query(Long.class).single();
    }
}
