package dev.authsvc.query.token;

import static dev.authsvc.query.support.TestEvents.sessionsRevoked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.query.QueryServiceApplication;
import dev.authsvc.query.support.CommandServiceStub;
import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEvents;
import dev.authsvc.query.token.access.VerifiedTokenCache;
import dev.authsvc.query.user.UserView;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The cache of verified access tokens saves only the signature and claims check: a cached token of a session that
 * ended (on any instance), of a disabled user, or past its expiry is refused at once, and a token differing by one
 * character is verified for itself.
 */
class VerifiedTokenCacheIT extends QueryServiceTestSupport {

    @Autowired
    private VerifiedTokenCache cache;

    @Autowired
    private Environment environment;

    @Test
    void aCachedToken_isRefusedAtOnce_afterALogoutThroughAnotherInstanceOnTheSameDatabase() {
        LoggedIn login = login();
        assertThat(get("/me", login.accessToken()).status()).isEqualTo(200);
        assertThat(get("/me", login.accessToken()).status()).as("served from the cache").isEqualTo(200);
        long cached = cache.size();

        try (ConfigurableApplicationContext other = secondInstance()) {
            String otherPort = other.getEnvironment().getProperty("local.server.port");
            Response logout = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + otherPort + "/logout"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"refresh_token\": \"%s\"}".formatted(login.refreshToken()))));
            assertThat(logout.status()).isEqualTo(200);
        }

        assertThat(cache.size()).as("this instance was not told: the entry is still there").isEqualTo(cached);
        assertThat(get("/me", login.accessToken()).status()).isEqualTo(401);
        assertThat(get("/me/sessions", login.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void aCachedToken_isRefusedAtOnce_afterSessionsRevokedOnTheTopic() {
        LoggedIn login = login();
        String userId = login.verified().userId();
        assertThat(get("/me", login.accessToken()).status()).isEqualTo(200);

        publish(sessionsRevoked(userId, 1, List.of(login.verified().sessionId()), "password_changed"));
        awaitSequence(userId, 1);

        assertThat(get("/me", login.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void aCachedToken_isRefusedAtOnce_afterTheUserIsDisabled() {
        LoggedIn login = login();
        String userId = login.verified().userId();
        assertThat(get("/me", login.accessToken()).status()).isEqualTo(200);

        publish(TestEvents.at(TestEvents.disabled(userId, 1, "fraud"), clock.instant()));
        awaitUser(userId, UserView::disabled);

        assertThat(get("/me", login.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void aCachedToken_isServedNoLongerThanVerificationWouldAcceptIt_whenTheClockPassesItsExpiry() {
        LoggedIn login = login();
        assertThat(get("/me", login.accessToken()).status()).isEqualTo(200);

        // Past exp by less than verification's 30 s of leeway: a verification would still accept it, the cache not.
        clock.advance(Duration.ofMinutes(15).plusSeconds(5));
        assertThat(get("/me", login.accessToken()).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(30));

        assertThat(get("/me", login.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void aTokenDifferingByOneCharacterFromACachedOne_isVerifiedForItself_andRefused() {
        LoggedIn login = login();
        String token = login.accessToken();
        assertThat(get("/me", token).status()).isEqualTo(200);
        int signature = token.lastIndexOf('.') + 1;
        // A character well inside the signature (the last one may only carry padding bits).
        int at = signature + 10;
        char changed = token.charAt(at) == 'A' ? 'B' : 'A';
        String forged = token.substring(0, at) + changed + token.substring(at + 1);

        assertThat(get("/me", forged).status()).isEqualTo(401);
        assertThat(get("/me", token + "A").status()).isEqualTo(401);
        assertThat(get("/me", token).status()).isEqualTo(200);
    }

    /** A second query-service on this test's database and broker, with its own consumer group and the real clock. */
    private ConfigurableApplicationContext secondInstance() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : List.of("spring.datasource.url", "spring.flyway.default-schema", "spring.flyway.schemas",
                "spring.flyway.create-schemas", "auth.tokens.key-encryption-key-id",
                "auth.tokens.key-encryption-keys.test1", "spring.kafka.bootstrap-servers")) {
            String value = environment.getProperty(name);
            if (value != null) {
                properties.put(name, value);
            }
        }
        properties.put("server.port", "0");
        properties.put("spring.kafka.consumer.group-id", "second-instance-" + TestEvents.uniqueUserId());
        properties.put("auth.command-service.url", CommandServiceStub.url());
        properties.put("auth.internal.credential", CommandServiceStub.CREDENTIAL);
        // As arguments: they win over application.yml, which default properties would not.
        return new SpringApplicationBuilder(QueryServiceApplication.class).run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new));
    }
}
