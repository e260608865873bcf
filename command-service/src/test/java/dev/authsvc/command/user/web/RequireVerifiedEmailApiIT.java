package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With {@code AUTH_LOGIN_REQUIRE_VERIFIED_EMAIL=true}: a password opens an account only once its email is proved. */
@TestPropertySource(properties = "auth.account.require-verified-email=true")
class RequireVerifiedEmailApiIT extends ApiTestSupport {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void theRightPasswordBeforeVerification_is403SayingToVerifyTheEmail_andWorksAfterIt() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), PASSWORD);

        Response refused = passwordLogin(email, PASSWORD);

        assertThat(refused.status()).isEqualTo(403);
        assertIsProblem(refused);
        assertThat(refused.text("field")).isEqualTo("email");
        assertThat(refused.text("error")).contains("not verified").contains("link");
        assertThat(post("/verify-email", "{\"token\": \"%s\"}".formatted(latestEmailToken(userId))).status())
                .isEqualTo(200);
        Response login = passwordLogin(email, PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().get("claims").get("email_verified").asBoolean()).isTrue();
    }

    @Test
    void aWrongPassword_isStillThePlain401() {
        String email = uniqueEmail();
        registerUser(email, uniquePhone(), PASSWORD);

        assertThat(passwordLogin(email, "wrong horse battery").status()).isEqualTo(401);
    }

    @Test
    void aCompletedReset_provesTheEmail_soTheNewPasswordLogsIn() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), PASSWORD);
        post("/reset-password", "{\"email\": \"%s\"}".formatted(email));
        post("/reset-password/confirm", "{\"token\": \"%s\", \"new_password\": \"a fresh start here\"}"
                .formatted(latestResetToken(userId)));

        assertThat(passwordLogin(email, "a fresh start here").status()).isEqualTo(200);
    }
}
