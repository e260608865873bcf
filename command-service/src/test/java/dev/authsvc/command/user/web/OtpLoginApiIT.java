package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.user.api.AccountLocked;
import dev.authsvc.command.user.api.OtpRequested;
import dev.authsvc.command.user.api.UserLoggedIn;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OtpLoginApiIT extends ApiTestSupport {

    @Test
    void aCodeSentBySmsLogsTheUserInOnce() {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");

        Response sent = post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(phone));
        assertThat(sent.status()).isEqualTo(200);
        String code = latestOtp(userId);
        assertThat(code).matches("\\d{6}");

        Response login = internalPost("/internal/verify/otp",
                "{\"phone_number\": \"%s\", \"otp\": \"%s\"}".formatted(phone, code));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("user_id")).isEqualTo(userId);
        assertThat(login.text("session_id")).isNotBlank();
        assertThat(login.text("amr")).isEqualTo("otp");
        JsonNode claims = login.body().get("claims");
        assertThat(claims.get("phone_verified").asBoolean()).isTrue();
        assertThat(claims.get("role").asString()).isEqualTo("employee");
        assertThat(events(userId, UserLoggedIn.class)).hasSize(1);

        Response reused = internalPost("/internal/verify/otp",
                "{\"phone_number\": \"%s\", \"otp\": \"%s\"}".formatted(phone, code));
        assertThat(reused.status()).isEqualTo(401);
    }

    @Test
    void theCodeIsInNoEventInPlainText() {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");
        post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(phone));

        OtpRequested requested = events(userId, OtpRequested.class).get(0);
        String code = latestOtp(userId);

        assertThat(requested.codeHash()).doesNotContain(code).hasSize(64);
        assertThat(requested.sealedCode().ciphertext()).doesNotContain(code);
    }

    @Test
    void aSecondCodeWithin30SecondsIs429WithRetryAfter_forKnownAndUnknownNumbersAlike() {
        String known = uniquePhone();
        registerUser(uniqueEmail(), known, "correct horse battery");
        String unknown = uniquePhone();

        for (String phone : new String[] {known, unknown}) {
            assertThat(post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(phone)).status()).isEqualTo(200);
            Response again = post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(phone));
            assertThat(again.status()).isEqualTo(429);
            assertThat(Integer.parseInt(again.header("Retry-After"))).isBetween(1, 30);
            assertThat(again.text("error")).isEqualTo("Too many codes requested for this number; try again later.");
        }
    }

    @Test
    void sendOtpAnswersTheSameForAnUnknownNumber() {
        String known = uniquePhone();
        registerUser(uniqueEmail(), known, "correct horse battery");

        Response forKnown = post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(known));
        Response forUnknown = post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(uniquePhone()));

        assertThat(forUnknown.status()).isEqualTo(forKnown.status()).isEqualTo(200);
        assertThat(forUnknown.raw().body()).isEqualTo(forKnown.raw().body());
    }

    @Test
    void sendOtpTakesAtLeastTheResponseFloorEvenForAnUnknownNumber() {
        long start = System.nanoTime();
        post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(uniquePhone()));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).isGreaterThanOrEqualTo(150);
    }

    @Test
    void tenWrongCodesLockTheAccountWith429AndRetryAfter() {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");
        post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(phone));
        String code = latestOtp(userId);
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int i = 0; i < 9; i++) {
            assertThat(internalPost("/internal/verify/otp",
                    "{\"phone_number\": \"%s\", \"otp\": \"%s\"}".formatted(phone, wrong)).status()).isEqualTo(401);
        }
        Response tenth = internalPost("/internal/verify/otp",
                "{\"phone_number\": \"%s\", \"otp\": \"%s\"}".formatted(phone, wrong));

        assertThat(tenth.status()).isEqualTo(429);
        assertThat(Integer.parseInt(tenth.header("Retry-After"))).isBetween(14 * 60, 15 * 60);
        assertThat(events(userId, AccountLocked.class)).hasSize(1);
    }

    @Test
    void anUnknownNumberOrAWrongCodeIsTheSame401() {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");
        post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(phone));
        String wrong = latestOtp(userId).equals("123456") ? "654321" : "123456";

        Response wrongCode = internalPost("/internal/verify/otp",
                "{\"phone_number\": \"%s\", \"otp\": \"%s\"}".formatted(phone, wrong));
        Response unknownNumber = internalPost("/internal/verify/otp",
                "{\"phone_number\": \"%s\", \"otp\": \"123456\"}".formatted(uniquePhone()));

        assertThat(wrongCode.status()).isEqualTo(unknownNumber.status()).isEqualTo(401);
        assertThat(wrongCode.text("error")).isEqualTo(unknownNumber.text("error"));
    }

    @Test
    void passwordLoginWorksAndAWrongPasswordIs401() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), "correct horse battery");

        Response ok = internalPost("/internal/verify/password",
                "{\"email\": \"%s\", \"password\": \"correct horse battery\"}".formatted(email.toUpperCase()));
        Response wrong = internalPost("/internal/verify/password",
                "{\"email\": \"%s\", \"password\": \"wrong horse battery\"}".formatted(email));
        Response unknown = internalPost("/internal/verify/password",
                "{\"email\": \"%s\", \"password\": \"correct horse battery\"}".formatted(uniqueEmail()));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.text("user_id")).isEqualTo(userId);
        assertThat(ok.text("amr")).isEqualTo("pwd");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.raw().body()).isEqualTo(wrong.raw().body());
    }

    @Test
    void theInternalEndpointsRefuseCallersWithoutTheServiceCredential() {
        String body = "{\"email\": \"a@b.co\", \"password\": \"whatever-long\"}";

        Response none = post("/internal/verify/password", body);
        Response wrong = send(request("/internal/verify/password").header("X-Service-Credential", "guess")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
    }
}
