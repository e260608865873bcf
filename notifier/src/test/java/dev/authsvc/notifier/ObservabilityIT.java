package dev.authsvc.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.notifier.support.NotifierIntegrationTest;
import dev.authsvc.notifier.support.UserEvents;
import dev.authsvc.notifier.support.UserEvents.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ObservabilityIT extends NotifierIntegrationTest {

    @Test
    void healthIsUp_andPrometheusShowsTheNotificationMetersPerChannel() throws Exception {
        User user = new User();
        UserEventEnvelope event = user.otpRequested(UserEvents.newCode());
        publish(event);
        awaitStatus(event, "sms");

        HttpResponse<String> health = get("/actuator/health");
        HttpResponse<String> prometheus = get("/actuator/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains("notifier_notifications_sent_total{channel=\"sms\"")
                .contains("authsvc_notification_handoff_seconds_count{channel=\"sms\"")
                .contains("authsvc_notification_handoff_seconds_bucket{channel=\"sms\",le=\"0.25\"");
        assertThat(get("/dev/outbox").statusCode()).as("no dev outbox in production").isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
