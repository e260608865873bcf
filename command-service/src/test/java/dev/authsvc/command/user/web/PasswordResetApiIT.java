package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.AxonClock;
import dev.authsvc.command.support.TestTokens;
import dev.authsvc.command.user.api.PasswordResetCompleted;
import dev.authsvc.command.user.api.PasswordResetRequested;
import dev.authsvc.command.user.api.SessionsRevoked;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordResetApiIT extends ApiTestSupport {

    @Test
    void theSeedReadmesResetBodyIsAcceptedAndTheMailedTokenSetsANewPasswordOnce() {
        String email = uniqueEmail();
        String phone = uniquePhone();
        String userId = registerUser(email, phone, "correct horse battery");
        String sessionId = loginWithOtp(userId, phone).get("session_id").asString();

        Response requested = post("/reset-password", "{\"email\": \"%s\"}".formatted(email));
        assertThat(requested.status()).isEqualTo(200);
        String token = latestResetToken(userId);

        Response confirmed = post("/reset-password/confirm",
                "{\"token\": \"%s\", \"new_password\": \"a fresh start here\"}".formatted(token));

        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        assertThat(events(userId, PasswordResetCompleted.class)).hasSize(1);
        assertThat(events(userId, SessionsRevoked.class)).singleElement()
                .satisfies(event -> assertThat(event.sessionIds()).containsExactly(sessionId));
        assertThat(put("/update-account", "{\"first_name\": \"X\"}", TestTokens.accessToken(userId, sessionId))
                .status()).isEqualTo(401);
        assertThat(internalPost("/internal/verify/password",
                "{\"email\": \"%s\", \"password\": \"a fresh start here\"}".formatted(email)).status()).isEqualTo(200);
        Response reused = post("/reset-password/confirm",
                "{\"token\": \"%s\", \"new_password\": \"yet another secret\"}".formatted(token));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.text("field")).isEqualTo("token");
    }

    @Test
    void theMailedResetToken_is256RandomBits_inUrlSafeBase64() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), "correct horse battery");
        post("/reset-password", "{\"email\": \"%s\"}".formatted(email));
        String first = latestResetToken(userId);
        String second;
        try (AxonClock later = AxonClock.movedAhead(Duration.ofMinutes(1))) {
            post("/reset-password", "{\"email\": \"%s\"}".formatted(email));
            second = latestResetToken(userId);
        }

        assertThat(first).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(first)).hasSize(32);
        assertThat(second).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(first);
    }

    @Test
    void theSeedStyleConfirmationWithTheTokenInThePathWorks() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), "correct horse battery");
        post("/reset-password", "{\"email\": \"%s\"}".formatted(email));

        Response confirmed = post("/reset-password/" + latestResetToken(userId),
                "{\"password\": \"seed style reset\"}");

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(internalPost("/internal/verify/password",
                "{\"email\": \"%s\", \"password\": \"seed style reset\"}".formatted(email)).status()).isEqualTo(200);
    }

    @Test
    void aNewResetLinkAMinuteLaterReplacesTheEarlierOne() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), "correct horse battery");
        post("/reset-password", "{\"email\": \"%s\"}".formatted(email));
        String first = latestResetToken(userId);

        try (AxonClock later = AxonClock.movedAhead(Duration.ofMinutes(1))) {
            post("/reset-password", "{\"email\": \"%s\"}".formatted(email));

            Response withFirst = post("/reset-password/confirm",
                    "{\"token\": \"%s\", \"new_password\": \"a fresh start here\"}".formatted(first));

            assertThat(events(userId, PasswordResetRequested.class)).hasSize(2);
            assertThat(withFirst.status()).isEqualTo(400);
        }
    }

    @Test
    void resetRequestedFourTimesInARow_mailsOneLink_andThatLinkStillResets() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), "correct horse battery");
        Response first = post("/reset-password", "{\"email\": \"%s\"}".formatted(email));
        String mailed = latestResetToken(userId);

        for (int i = 0; i < 3; i++) {
            Response again = post("/reset-password", "{\"email\": \"%s\"}".formatted(email));
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.raw().body()).isEqualTo(first.raw().body());
        }
        Response confirmed = post("/reset-password/confirm",
                "{\"token\": \"%s\", \"new_password\": \"a fresh start here\"}".formatted(mailed));

        assertThat(events(userId, PasswordResetRequested.class)).hasSize(1);
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
    }

    @Test
    void resetPasswordAnswersTheSameForAnUnknownEmailAndTakesTheFloorTime() {
        String email = uniqueEmail();
        registerUser(email, uniquePhone(), "correct horse battery");

        Response known = post("/reset-password", "{\"email\": \"%s\"}".formatted(email));
        long start = System.nanoTime();
        Response unknown = post("/reset-password", "{\"email\": \"%s\"}".formatted(uniqueEmail()));
        long unknownMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(unknown.status()).isEqualTo(known.status()).isEqualTo(200);
        assertThat(unknown.raw().body()).isEqualTo(known.raw().body());
        assertThat(unknownMillis).isGreaterThanOrEqualTo(150);
    }

    @Test
    void aWeakNewPasswordIsRefusedAndTheTokenStaysUsable() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), "correct horse battery");
        post("/reset-password", "{\"email\": \"%s\"}".formatted(email));
        String token = latestResetToken(userId);

        Response weak = post("/reset-password/confirm",
                "{\"token\": \"%s\", \"new_password\": \"12345678\"}".formatted(token));
        Response strong = post("/reset-password/confirm",
                "{\"token\": \"%s\", \"new_password\": \"much better secret\"}".formatted(token));

        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.text("field")).isEqualTo("new_password");
        assertThat(strong.status()).isEqualTo(200);
    }

    @Test
    void anUnknownTokenIsABadRequest() {
        Response response = post("/reset-password/confirm",
                "{\"token\": \"not-a-real-token\", \"new_password\": \"much better secret\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("field")).isEqualTo("token");
    }
}
