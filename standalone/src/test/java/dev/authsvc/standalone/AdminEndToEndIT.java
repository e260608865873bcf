package dev.authsvc.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin paths on the standalone stack, through the gateway: the bootstrap admin logs in and disables a user,
 * whose refresh token (query-service) and access tokens (query-service and command-service) are refused within a
 * second.
 */
class AdminEndToEndIT {

    static final String ADMIN_EMAIL = "admin@example.com";
    static final String ADMIN_PASSWORD = "correct horse battery staple";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path data;

    static WireMockServer twilio;
    static GreenMail mail;
    static StandaloneStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        twilio = GatewayStackFixtures.twilioAcceptingMessages();
        mail = GatewayStackFixtures.smtpServer();
        Map<String, String> env = GatewayStackFixtures.environment(data, twilio, mail);
        env.put("AUTH_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("AUTH_BOOTSTRAP_ADMIN_PHONE_NUMBER", "+14155550100");
        env.put("AUTH_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        stack = StandaloneStack.start(StandaloneConfig.fromEnvironment(env));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (twilio != null) {
            twilio.stop();
        }
    }

    static HttpResponse<String> call(String method, String path, String json, String bearer) throws Exception {
        return GatewayStackFixtures.call(stack, method, path, json, bearer);
    }

    static JsonNode ok(HttpResponse<String> response) throws Exception {
        return GatewayStackFixtures.ok(response);
    }

    static JsonNode login(String email, String password) throws Exception {
        return ok(call("POST", "/login", "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password), null));
    }

    @Test
    void aDisabledUsersRefreshAndAccessTokens_areRefusedOnEveryServiceWithinASecond() throws Exception {
        String adminToken = login(ADMIN_EMAIL, ADMIN_PASSWORD).get("access_token").asText();
        String userId = ok(call("POST", "/register", """
                {"first_name": "Grace", "last_name": "Hopper", "email": "grace.hopper@example.com",
                 "phone_number": "+14155550101", "password": "compiler pioneer"}""", null)).get("user_id").asText();
        JsonNode session = login("grace.hopper@example.com", "compiler pioneer");
        String accessToken = session.get("access_token").asText();
        String refreshToken = session.get("refresh_token").asText();
        ok(call("GET", "/me", null, accessToken));
        ok(call("PUT", "/update-account", "{\"first_name\": \"Amazing\"}", accessToken));

        ok(call("POST", "/admin/users/" + userId + "/disable", "{\"reason\": \"left the company\"}", adminToken));

        assertThat(call("PUT", "/update-account", "{\"first_name\": \"Mallory\"}", accessToken).statusCode())
                .isEqualTo(403);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(call("GET", "/me", null, accessToken).statusCode()).isEqualTo(401);
            assertThat(call("POST", "/token/refresh", "{\"refresh_token\": \"" + refreshToken + "\"}", null)
                    .statusCode()).isEqualTo(401);
        });
        HttpResponse<String> relogin = call("POST", "/login",
                "{\"email\": \"grace.hopper@example.com\", \"password\": \"compiler pioneer\"}", null);
        assertThat(relogin.statusCode()).isEqualTo(403);
        assertThat(relogin.body()).contains("disabled");
    }

    /**
     * The audit trail of the real jar, through the gateway: without axon-test on the classpath (whose fixture
     * resolvers the module tests have), so the aggregate's replay must stand on its own.
     */
    @Test
    void anAuditor_readsAUsersHistory_theirStateAtAnInstant_andIntactChains() throws Exception {
        String adminToken = login(ADMIN_EMAIL, ADMIN_PASSWORD).get("access_token").asText();
        String userId = ok(call("POST", "/register", """
                {"first_name": "Katherine", "last_name": "Johnson", "email": "katherine.johnson@example.com",
                 "phone_number": "+14155550102", "password": "orbital mechanics"}""", null)).get("user_id").asText();
        ok(call("PUT", "/admin/users/" + userId + "/role", "{\"role\": \"auditor\"}", adminToken));
        String auditorToken = login("katherine.johnson@example.com", "orbital mechanics").get("access_token").asText();
        ok(call("PUT", "/update-account", "{\"first_name\": \"Kathy\"}", auditorToken));

        JsonNode events = ok(call("GET", "/audit/users/" + userId + "/events", null, auditorToken)).get("events");
        assertThat(events.findValuesAsText("type")).startsWith("UserRegistered").contains("RoleChanged", "ProfileUpdated");
        String roleChangedAt = null;
        for (JsonNode event : events) {
            if (event.get("type").asText().equals("RoleChanged")) {
                roleChangedAt = event.get("time").asText();
                assertThat(event.get("metadata").get("acting_user_id").asText()).isNotBlank();
            }
        }
        JsonNode before = ok(call("GET", "/audit/users/" + userId + "/state?at=" + roleChangedAt, null, auditorToken));
        assertThat(before.get("state").get("first_name").asText()).isEqualTo("Katherine");
        JsonNode now = ok(call("GET", "/audit/users/" + userId + "/state", null, auditorToken));
        assertThat(now.get("state").get("first_name").asText()).isEqualTo("Kathy");
        assertThat(ok(call("GET", "/audit/verify", null, auditorToken)).get("intact").asBoolean()).isTrue();
        assertThat(call("GET", "/admin/users", null, auditorToken).statusCode()).isEqualTo(403);
    }
}
