package dev.authsvc.query.event;

import static dev.authsvc.query.support.TestEvents.at;
import static dev.authsvc.query.support.TestEvents.profileUpdated;
import static dev.authsvc.query.support.TestEvents.registered;
import static dev.authsvc.query.support.TestEvents.uniqueEmail;
import static dev.authsvc.query.support.TestEvents.uniquePhone;
import static dev.authsvc.query.support.TestEvents.uniqueUserId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.query.support.QueryServiceTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class UserViewLagIT extends QueryServiceTestSupport {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Autowired
    MeterRegistry meters;

    @Test
    void anEventJustApplied_isTimedAsLiveLag_fromItsOccurredAtToTheCommit() {
        String userId = uniqueUserId();
        Timer live = lag("live");
        long before = live.count();
        double totalBefore = live.totalTime(TimeUnit.MILLISECONDS);
        Instant published = Instant.now();

        publish(at(registered(userId, uniqueEmail(), uniquePhone()), published),
                at(profileUpdated(userId, 1, "Grace", null), published));
        awaitSequence(userId, 1);

        await().atMost(BOUND).until(() -> live.count() - before >= 2);
        long waited = Duration.between(published, Instant.now()).toMillis();
        double mean = (live.totalTime(TimeUnit.MILLISECONDS) - totalBefore) / (live.count() - before);
        assertThat(mean).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(waited);
        assertThat(live.max(TimeUnit.MILLISECONDS)).isLessThan(BOUND.toMillis());
    }

    @Test
    void anEventThatOccurredBeforeTheServiceStarted_isBacklog_notLiveLag() {
        String userId = uniqueUserId();
        Timer live = lag("live");
        Timer backlog = lag("backlog");
        long liveBefore = live.count();
        long backlogBefore = backlog.count();

        publish(registered(userId, uniqueEmail(), uniquePhone()));   // occurred at T0, weeks ago
        awaitSequence(userId, 0);

        await().atMost(BOUND).until(() -> backlog.count() - backlogBefore >= 1);
        assertThat(live.count()).isEqualTo(liveBefore);
    }

    @Test
    void theLagTimer_isOnThePrometheusEndpoint_withBucketsAtTheTargets() throws Exception {
        String userId = uniqueUserId();
        publish(at(registered(userId, uniqueEmail(), uniquePhone()), Instant.now()));
        awaitSequence(userId, 0);

        await().atMost(BOUND).untilAsserted(() -> assertThat(prometheus())
                .contains("authsvc_user_view_lag_seconds_count{phase=\"live\"")
                .contains("authsvc_user_view_lag_seconds_bucket{phase=\"live\",le=\"0.1\"")
                .contains("authsvc_user_view_lag_seconds_bucket{phase=\"live\",le=\"0.25\""));
    }

    private Timer lag(String phase) {
        return meters.get("authsvc.user_view.lag").tag("phase", phase).timer();
    }

    private String prometheus() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }
}
