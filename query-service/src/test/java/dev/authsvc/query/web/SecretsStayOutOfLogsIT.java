package dev.authsvc.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.query.support.CommandServiceStub;
import dev.authsvc.query.support.CommandServiceStub.Verified;
import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Security rule (docs/security-rules.md): nothing secret is logged. Drives what this service handles a secret in (a password and a code
 * logging in, a wrong code, refreshes, a reused refresh token, {@code /me}, logout), then searches everything
 * logged for the password, the codes, every token and the full email and phone number, and the error bodies for
 * what the request carried.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsIT extends QueryServiceTestSupport {

    private static final String PASSWORD = "query side secret 42";

    @Test
    void noPasswordCodeTokenOrFullEmailOrPhoneReachesTheLogs(CapturedOutput output) {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        List<String> secrets = new ArrayList<>(List.of(PASSWORD));

        CommandServiceStub.acceptPassword(email, PASSWORD, Verified.password(userId, email, phone, clock.instant()));
        Response passwordLogin = post("/login", "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, PASSWORD));
        assertThat(passwordLogin.status()).as(passwordLogin.raw().body()).isEqualTo(200);
        secrets.add(passwordLogin.text("access_token"));
        secrets.add(passwordLogin.text("refresh_token"));

        LoggedIn otpLogin = login(userId, email, phone);
        secrets.add(otpLogin.accessToken());
        secrets.add(otpLogin.refreshToken());

        String wrongPhone = TestEvents.uniquePhone();
        CommandServiceStub.rejectOtp(wrongPhone);
        Response wrongCode = post("/login", "{\"phone_number\": \"%s\", \"otp\": \"%s\"}".formatted(wrongPhone, "918273"));
        assertThat(wrongCode.status()).isEqualTo(401);
        assertThat(wrongCode.raw().body()).doesNotContain("918273", wrongPhone);
        secrets.add("918273");

        Response refreshed = refresh(passwordLogin.text("refresh_token"));
        assertThat(refreshed.status()).isEqualTo(200);
        secrets.add(refreshed.text("access_token"));
        secrets.add(refreshed.text("refresh_token"));
        assertThat(get("/me", refreshed.text("access_token")).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(11));
        Response reused = refresh(passwordLogin.text("refresh_token"));
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.raw().body()).doesNotContain(passwordLogin.text("refresh_token"));
        assertThat(output.getAll()).as("the reuse was logged").contains("was presented again");

        assertThat(post("/logout", "{\"refresh_token\": \"%s\"}".formatted(otpLogin.refreshToken())).status())
                .isEqualTo(200);

        String logs = output.getAll();
        for (String secret : secrets) {
            assertThat(logs).as("a password, code or token in the logs").doesNotContain(secret);
        }
        for (String address : List.of(email, phone, wrongPhone)) {
            assertThat(logs).as("a full email or phone number in the logs").doesNotContain(address);
        }
    }
}
