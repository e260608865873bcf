package dev.authsvc.notifier.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.notifier.support.EventTopic;
import dev.authsvc.testsupport.TestDatabase;
import dev.authsvc.notifier.support.TestKeys;
import dev.authsvc.notifier.support.UserEvents;
import dev.authsvc.notifier.support.UserEvents.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** The standalone stack's set-up: no Twilio, no SMTP, AUTH_DEV_OUTBOX=true. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DevOutboxIT {

    private static final String TOPIC = "outbox.user-events.v1";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void outboxOnly(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestKeys.properties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.kafka.bootstrap-servers", EventTopic::brokers);
        registry.add("spring.kafka.consumer.group-id", () -> "notifier-outbox");
        registry.add("notifier.topic", () -> TOPIC);
        registry.add("notifier.dev-outbox.enabled", () -> "true");
        // Whatever the environment holds: no provider.
        registry.add("notifier.twilio.account-sid", () -> "");
        registry.add("notifier.twilio.auth-token", () -> "");
        registry.add("notifier.twilio.phone-number", () -> "");
        registry.add("notifier.twilio.messaging-service-sid", () -> "");
        registry.add("notifier.smtp.host", () -> "");
        registry.add("notifier.smtp.username", () -> "");
        registry.add("notifier.smtp.password", () -> "");
    }

    @Test
    void withoutProviders_getDevOutboxShowsTheSmsWithItsCodeAndTheMail_newestFirst() throws Exception {
        User user = new User();
        String firstCode = UserEvents.newCode();
        String secondCode = UserEvents.newCode();
        String token = UserEvents.newToken();
        EventTopic.publish(TOPIC, user.otpRequested(firstCode));
        EventTopic.publish(TOPIC, user.passwordResetRequested(token));
        EventTopic.publish(TOPIC, user.otpRequested(secondCode));

        List<Map<String, Object>> outbox = await().atMost(Duration.ofSeconds(20))
                .until(this::outbox, entries -> entries.size() >= 3);

        assertThat(outbox).hasSize(3);
        Map<String, Object> newest = outbox.get(0);
        assertThat(newest).containsEntry("channel", "sms").containsEntry("to", user.phoneNumber)
                .containsKeys("subject", "sent_at", "event_id");
        assertThat((String) newest.get("body")).contains(secondCode);
        assertThat(newest.get("subject")).isNull();
        assertThat(Instant.parse((String) newest.get("sent_at"))).isBefore(Instant.now());
        assertThat((String) outbox.get(2).get("body")).contains(firstCode);
        Map<String, Object> mail = outbox.get(1);
        assertThat(mail).containsEntry("channel", "email").containsEntry("to", user.email)
                .containsEntry("subject", "Reset your authsvc password");
        assertThat((String) mail.get("body")).contains("/reset-password?token=" + token);
    }

    @Test
    void openApiDocument_describesTheOutbox_inSnakeCase() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode document = UserEvents.JSON.readTree(response.body());
        assertThat(document.path("paths").path("/dev/outbox").has("get")).isTrue();
        assertThat(document.path("components").path("schemas").path("OutboxEntry").path("properties").propertyNames())
                .containsExactlyInAnyOrder("channel", "to", "subject", "body", "sent_at", "event_id");
        assertThat(document.path("paths").propertyNames()).noneMatch(path -> path.startsWith("/internal"));
    }

    private List<Map<String, Object>> outbox() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dev/outbox")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return UserEvents.JSON.readValue(response.body(), new TypeReference<List<Map<String, Object>>>() {
        });
    }
}
