package dev.authsvc.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The token issuer takes connections but never answers (a hung query-service): fetching its JWK Set gives up
 * after {@code auth.jwt.jwk-set-timeout} and the request is answered 503, instead of waiting for good.
 */
@DirtiesContext
class JwkSetHangIT extends ApiTestSupport {

    /** Listens, so connections are made by the kernel, but never reads or answers. */
    private static final ServerSocket SILENT = silentServer();

    @DynamicPropertySource
    static void hungJwkSet(DynamicPropertyRegistry registry) {
        registry.add("auth.test.jwk-set-uri",
                () -> "http://127.0.0.1:" + SILENT.getLocalPort() + TestTokens.JWKS_PATH);
        registry.add("auth.jwt.jwk-set-timeout", () -> "1s");
    }

    @AfterAll
    static void close() throws IOException {
        SILENT.close();
    }

    @Test
    void aJwkSetThatNeverAnswers_is503WithinTheTimeout() {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");
        String sessionId = loginWithOtp(userId, phone).get("session_id").asString();
        Instant start = Instant.now();

        Response response = put("/update-account", "{\"first_name\": \"John\"}",
                TestTokens.accessToken(userId, sessionId));

        assertThat(response.status()).as(response.raw().body()).isEqualTo(503);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
    }

    private static ServerSocket silentServer() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
