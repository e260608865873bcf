package dev.authsvc.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.TestTokens;
import dev.authsvc.command.user.api.ProfileUpdated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The token issuer's JWK Set cannot be fetched (query-service is down): a request with a well-formed token is
 * answered 503 with a problem and Retry-After, never 500; a token that is bad in itself is still 401. The JWK Set
 * URL points at a port that was free when the context started, so nothing answers there.
 */
@DirtiesContext
class JwkSetOutageIT extends ApiTestSupport {

    @DynamicPropertySource
    static void unreachableJwkSet(DynamicPropertyRegistry registry) {
        int closedPort = freePort();
        registry.add("auth.test.jwk-set-uri", () -> "http://127.0.0.1:" + closedPort + TestTokens.JWKS_PATH);
    }

    @Test
    void aTokenWhoseKeysCannotBeFetched_is503WithRetryAfter_notA500() {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");
        String sessionId = loginWithOtp(userId, phone).get("session_id").asString();

        Response response = put("/update-account", "{\"first_name\": \"John\"}",
                TestTokens.accessToken(userId, sessionId));

        assertThat(response.status()).as(response.raw().body()).isEqualTo(503);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(response.text("error")).contains("keys cannot be fetched");
        assertThat(response.body().get("status").asInt()).isEqualTo(503);
        assertThat(events(userId, ProfileUpdated.class)).isEmpty();
    }

    @Test
    void aTokenThatIsBadInItself_isStill401() {
        Response malformed = put("/update-account", "{\"first_name\": \"John\"}", "not-a-token");
        Response verifyPhone = post("/verify-phone", "{\"code\": \"123456\"}", "not.a.token");

        assertThat(malformed.status()).isEqualTo(401);
        assertThat(malformed.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(verifyPhone.status()).isEqualTo(401);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
