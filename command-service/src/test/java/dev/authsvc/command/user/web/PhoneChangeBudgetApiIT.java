package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.TestTokens;
import dev.authsvc.command.user.api.PhoneChangeRequested;
import org.junit.jupiter.api.Test;

/** Phone-change codes have a budget per account, whatever numbers they go to. */
class PhoneChangeBudgetApiIT extends ApiTestSupport {

    @Test
    void aFourthNewNumberWithinAnHour_is429WithRetryAfter_andNoCodeIsSent() {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");
        String sessionId = loginWithOtp(userId, phone).get("session_id").asString();
        String token = TestTokens.accessToken(userId, sessionId);

        for (int i = 0; i < 3; i++) {
            Response change = put("/update-account", "{\"phone_number\": \"%s\"}".formatted(uniquePhone()), token);
            assertThat(change.status()).as(change.raw().body()).isEqualTo(200);
        }
        Response fourth = put("/update-account", "{\"phone_number\": \"%s\"}".formatted(uniquePhone()), token);

        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Integer.parseInt(fourth.header("Retry-After"))).isBetween(3500, 3600);
        assertThat(fourth.text("error")).contains("phone number changes");
        assertThat(events(userId, PhoneChangeRequested.class)).hasSize(3);
    }
}
