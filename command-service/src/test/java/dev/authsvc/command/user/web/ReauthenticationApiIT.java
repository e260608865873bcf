package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.AxonClock;
import dev.authsvc.command.support.TestTokens;
import dev.authsvc.command.user.api.PasswordChanged;
import dev.authsvc.command.user.api.PhoneChangeRequested;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Security rules over HTTP: a new password or phone number needs {@code current_password} or a login younger than five
 * minutes. The five minutes pass on the aggregate's clock (see {@link AxonClock}); the access token stays valid
 * because the resource server checks it against the real clock.
 */
class ReauthenticationApiIT extends ApiTestSupport {

    private static final String PASSWORD = "correct horse battery";
    /** The security rules (docs/security-rules.md) say five minutes; the policy's constant is not used here, so the test would notice it change. */
    private static final Duration PAST_RECENT_LOGIN = Duration.ofMinutes(6);

    private record SignedIn(String userId, String token) {
    }

    private SignedIn signedIn() {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, PASSWORD);
        String sessionId = loginWithOtp(userId, phone).get("session_id").asString();
        return new SignedIn(userId, TestTokens.accessToken(userId, sessionId));
    }

    @Test
    void passwordChange_moreThanFiveMinutesAfterLogin_needsTheCurrentPassword() {
        SignedIn user = signedIn();

        try (AxonClock later = AxonClock.movedAhead(PAST_RECENT_LOGIN)) {
            Response without = put("/update-account", "{\"password\": \"a brand new secret\"}", user.token());

            assertThat(without.status()).as(without.raw().body()).isEqualTo(403);
            assertThat(without.header("Content-Type")).startsWith("application/problem+json");
            assertThat(without.text("field")).isEqualTo("current_password");
            assertThat(without.text("error")).contains("current password");
            assertThat(events(user.userId(), PasswordChanged.class)).isEmpty();

            Response with = put("/update-account",
                    "{\"password\": \"a brand new secret\", \"current_password\": \"%s\"}".formatted(PASSWORD),
                    user.token());

            assertThat(with.status()).as(with.raw().body()).isEqualTo(200);
            assertThat(events(user.userId(), PasswordChanged.class)).hasSize(1);
        }
    }

    @Test
    void phoneChange_moreThanFiveMinutesAfterLogin_needsTheCurrentPassword() {
        SignedIn user = signedIn();
        String newPhone = uniquePhone();

        try (AxonClock later = AxonClock.movedAhead(PAST_RECENT_LOGIN)) {
            Response without = put("/update-account", "{\"phone_number\": \"%s\"}".formatted(newPhone), user.token());

            assertThat(without.status()).as(without.raw().body()).isEqualTo(403);
            assertThat(without.text("field")).isEqualTo("current_password");
            assertThat(events(user.userId(), PhoneChangeRequested.class)).isEmpty();

            Response with = put("/update-account", "{\"phone_number\": \"%s\", \"current_password\": \"%s\"}"
                    .formatted(newPhone, PASSWORD), user.token());

            assertThat(with.status()).as(with.raw().body()).isEqualTo(200);
            assertThat(with.body().get("phone_verification_pending").asBoolean()).isTrue();
        }
    }

    @Test
    void namesChange_longAfterLogin_needNoCurrentPassword() {
        SignedIn user = signedIn();

        try (AxonClock later = AxonClock.movedAhead(PAST_RECENT_LOGIN)) {
            Response response = put("/update-account", "{\"first_name\": \"John\"}", user.token());

            assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        }
    }
}
