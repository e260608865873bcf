package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.TestTokens;
import dev.authsvc.command.user.api.ProfileUpdated;
import dev.authsvc.command.user.api.SessionsRevoked;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /internal/sessions/end}: query-service's logout ends the session on the command side too. */
class SessionEndApiIT extends ApiTestSupport {

    private static String endSession(String userId, String sessionId) {
        return "{\"user_id\": \"%s\", \"session_id\": \"%s\"}".formatted(userId, sessionId);
    }

    @Test
    void aLoggedOutSessionsAccessToken_isRefusedAtOnce_whileTheOtherSessionsGoOn() {
        String phone = uniquePhone();
        String email = uniqueEmail();
        String userId = registerUser(email, phone, "correct horse battery");
        String loggedOut = loginWithOtp(userId, phone).get("session_id").asString();
        String other = internalPost("/internal/verify/password",
                "{\"email\": \"%s\", \"password\": \"correct horse battery\"}".formatted(email)).text("session_id");

        Response ended = internalPost("/internal/sessions/end", endSession(userId, loggedOut));

        assertThat(ended.status()).as(ended.raw().body()).isEqualTo(200);
        assertThat(events(userId, SessionsRevoked.class)).singleElement().satisfies(event -> {
            assertThat(event.sessionIds()).containsExactly(loggedOut);
            assertThat(event.reason()).isEqualTo("logout");
        });
        assertThat(put("/update-account", "{\"first_name\": \"Mallory\"}",
                TestTokens.accessToken(userId, loggedOut)).status()).isEqualTo(401);
        assertThat(put("/update-account", "{\"first_name\": \"John\"}",
                TestTokens.accessToken(userId, other)).status()).isEqualTo(200);
        assertThat(events(userId, ProfileUpdated.class)).singleElement()
                .satisfies(event -> assertThat(event.firstName()).isEqualTo("John"));
    }

    @Test
    void aReusedRefreshToken_endsTheSessionWithThatReason_andItsAccessTokenIsRefusedAtOnce() {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");
        String sessionId = loginWithOtp(userId, phone).get("session_id").asString();
        assertThat(put("/update-account", "{\"first_name\": \"John\"}",
                TestTokens.accessToken(userId, sessionId)).status()).isEqualTo(200);

        Response ended = internalPost("/internal/sessions/end",
                "{\"user_id\": \"%s\", \"session_id\": \"%s\", \"reason\": \"refresh_token_reuse\"}"
                        .formatted(userId, sessionId));

        assertThat(ended.status()).as(ended.raw().body()).isEqualTo(200);
        assertThat(events(userId, SessionsRevoked.class)).singleElement().satisfies(event -> {
            assertThat(event.sessionIds()).containsExactly(sessionId);
            assertThat(event.reason()).isEqualTo("refresh_token_reuse");
        });
        assertThat(put("/update-account", "{\"first_name\": \"Mallory\"}",
                TestTokens.accessToken(userId, sessionId)).status()).isEqualTo(401);
    }

    @Test
    void aReasonOtherThanLogoutOrRefreshTokenReuse_is400NamingIt_andEndsNothing() {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");
        String sessionId = loginWithOtp(userId, phone).get("session_id").asString();

        Response refused = internalPost("/internal/sessions/end",
                "{\"user_id\": \"%s\", \"session_id\": \"%s\", \"reason\": \"password_reset\"}"
                        .formatted(userId, sessionId));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("field")).isEqualTo("reason");
        assertThat(events(userId, SessionsRevoked.class)).isEmpty();
    }

    @Test
    void endingASessionAgain_orOfAnUnknownUser_is200AndRecordsNothingMore() {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");
        String sessionId = loginWithOtp(userId, phone).get("session_id").asString();
        internalPost("/internal/sessions/end", endSession(userId, sessionId));

        assertThat(internalPost("/internal/sessions/end", endSession(userId, sessionId)).status()).isEqualTo(200);
        assertThat(internalPost("/internal/sessions/end", endSession(UUID.randomUUID().toString(), sessionId)).status())
                .isEqualTo(200);
        assertThat(events(userId, SessionsRevoked.class)).hasSize(1);
    }

    @Test
    void withoutTheServiceCredential_is401_andAMissingFieldIs400NamingIt() {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");
        String sessionId = loginWithOtp(userId, phone).get("session_id").asString();

        Response anonymous = send(request("/internal/sessions/end").POST(HttpRequest.BodyPublishers.ofString(endSession(userId, sessionId))));
        Response missing = internalPost("/internal/sessions/end", "{\"user_id\": \"%s\"}".formatted(userId));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("field")).isEqualTo("session_id");
        assertThat(events(userId, SessionsRevoked.class)).isEmpty();
    }
}
