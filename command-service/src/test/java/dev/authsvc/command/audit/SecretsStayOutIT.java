package dev.authsvc.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Security rule (docs/security-rules.md): no password, code or token in a log line or in the event store, and no full email or phone
 * number in a log line. Drives every flow that handles a secret, then searches the captured output and the raw
 * stored events for each plaintext value.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutIT extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void noPlaintextSecretReachesTheLogsOrTheEventStore(CapturedOutput output) {
        String email = uniqueEmail();
        String phone = uniquePhone();
        List<String> secrets = new ArrayList<>(List.of(
                "first-Secret-Pass", "second-Secret-Pass", "third-Secret-Pass", "wrong-Secret-Guess"));
        String userId = registerUser(email, phone, secrets.get(0));
        secrets.add(latestEmailToken(userId));
        assertThat(post("/verify-email", "{\"token\": \"%s\"}".formatted(secrets.get(4))).status()).isEqualTo(200);

        String sessionId = loginWithOtp(userId, phone).get("session_id").asString();
        secrets.add(latestOtp(userId));
        internalPost("/internal/verify/password",
                "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, secrets.get(3)));
        assertThat(put("/update-account", "{\"password\": \"%s\", \"current_password\": \"%s\"}"
                .formatted(secrets.get(1), secrets.get(0)), TestTokens.accessToken(userId, sessionId)).status())
                .isEqualTo(200);
        String newPhone = uniquePhone();
        put("/update-account", "{\"phone_number\": \"%s\"}".formatted(newPhone), TestTokens.accessToken(userId, sessionId));
        secrets.add(latestPhoneChangeCode(userId));
        post("/reset-password", "{\"email\": \"%s\"}".formatted(email));
        secrets.add(latestResetToken(userId));
        assertThat(post("/reset-password/confirm", "{\"token\": \"%s\", \"new_password\": \"%s\"}"
                .formatted(secrets.get(secrets.size() - 1), secrets.get(2))).status()).isEqualTo(200);

        String stored = String.join("\n", jdbc.sql(
                "SELECT payload, meta_data FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(userId)
                .query((row, n) -> new String(row.getBytes(1), StandardCharsets.UTF_8) + " "
                        + new String(row.getBytes(2), StandardCharsets.UTF_8))
                .list());
        assertThat(stored).contains(userId);
        for (String address : List.of(email, phone, newPhone)) {
            assertThat(output.getAll()).as("a full email or phone number in the logs").doesNotContain(address);
        }
        for (String secret : secrets) {
            assertThat(output.getAll()).as("logs").doesNotContain(secret);
            if (secret.length() > 6) {
                assertThat(stored).as("event store").doesNotContain(secret);
            } else {
                // A 6-digit code could occur by chance inside a hash or a time stamp: look for it as a JSON value.
                assertThat(stored).as("event store").doesNotContain("\"" + secret + "\"");
            }
        }
    }
}
