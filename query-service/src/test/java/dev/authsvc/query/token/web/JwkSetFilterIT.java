package dev.authsvc.query.token.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.token.key.SigningKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The key set answered ahead of Spring MVC: the same answer as the controller's, counted like any request. */
class JwkSetFilterIT extends QueryServiceTestSupport {

    @Autowired
    SigningKeys keys;

    @Autowired
    MeterRegistry meters;

    @Test
    void get_answersTheKeySetWithItsHeaders_andHead_theHeadersAlone() {
        Response get = get(JwkSetFilter.PATH);
        Response head = send(request(JwkSetFilter.PATH).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(get.status()).isEqualTo(200);
        assertThat(get.raw().body()).isEqualTo(keys.jwkSetJson());
        assertThat(get.header("Content-Type")).isEqualTo("application/json");
        assertThat(get.header("Cache-Control")).isEqualTo("max-age=60, public");
        assertThat(get.header("Content-Length")).isEqualTo(String.valueOf(keys.jwkSetJson().length()));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.raw().body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
        assertThat(head.header("Cache-Control")).isEqualTo(get.header("Cache-Control"));
    }

    @Test
    void otherMethods_stillReachTheController_andAre405() {
        Response post = post(JwkSetFilter.PATH, "{}");

        assertThat(post.status()).isEqualTo(405);
        assertIsProblem(post);
    }

    @Test
    void itsRequests_areCountedInHttpServerRequests_underTheirPath() {
        long before = count();

        get(JwkSetFilter.PATH);
        get(JwkSetFilter.PATH);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(count()).isEqualTo(before + 2));
    }

    @Test
    void aRotation_changesTheAnswer() {
        String before = get(JwkSetFilter.PATH).raw().body();

        String fresh = keys.rotate().kid();

        assertThat(before).doesNotContain(fresh);
        assertThat(keys.jwkSetJson()).contains(fresh);
        assertThat(get(JwkSetFilter.PATH).raw().body()).isEqualTo(keys.jwkSetJson());
    }

    private long count() {
        Timer timer = meters.find("http.server.requests").tag("uri", JwkSetFilter.PATH).tag("method", "GET")
                .tag("status", "200").timer();
        return timer == null ? 0 : timer.count();
    }
}
