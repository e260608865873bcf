package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.TestTokens;
import dev.authsvc.command.user.api.AccountLocked;
import dev.authsvc.command.user.api.EmailVerified;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.PasswordChanged;
import dev.authsvc.command.user.api.PhoneChangeRequested;
import dev.authsvc.command.user.api.PhoneNumberChanged;
import dev.authsvc.command.user.api.ProfileUpdated;
import dev.authsvc.command.user.api.SessionsRevoked;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AccountApiIT extends ApiTestSupport {

    private record SignedIn(String userId, String phone, String email, String sessionId, String token) {
    }

    private SignedIn signedIn() {
        String phone = uniquePhone();
        String email = uniqueEmail();
        String userId = registerUser(email, phone, "correct horse battery");
        JsonNode login = loginWithOtp(userId, phone);
        String sessionId = login.get("session_id").asString();
        return new SignedIn(userId, phone, email, sessionId, TestTokens.accessToken(userId, sessionId));
    }

    @Test
    void theSeedReadmesUpdateBodyIsAcceptedRightAfterLogin() {
        SignedIn user = signedIn();

        Response response = put("/update-account", """
                {
                  "first_name": "John",
                  "last_name": "Doe",
                  "phone_number": "%s",
                  "password": "new_secure_password"
                }""".formatted(user.phone()), user.token());

        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        // The seed body repeats the user's own number: that is no phone change, and no code is sent.
        assertThat(response.body().get("phone_verification_pending").asBoolean()).isFalse();
        assertThat(events(user.userId(), PhoneChangeRequested.class)).isEmpty();
        assertThat(events(user.userId(), ProfileUpdated.class)).singleElement()
                .satisfies(event -> assertThat(event.firstName()).isEqualTo("John"));
        assertThat(events(user.userId(), PasswordChanged.class)).hasSize(1);
        Response login = internalPost("/internal/verify/password",
                "{\"email\": \"%s\", \"password\": \"new_secure_password\"}".formatted(user.email()));
        assertThat(login.status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeEndsEveryOtherSessionButKeepsTheCallers() {
        SignedIn user = signedIn();
        String otherSession = internalPost("/internal/verify/password",
                "{\"email\": \"%s\", \"password\": \"correct horse battery\"}".formatted(user.email()))
                .text("session_id");

        Response change = put("/update-account", "{\"password\": \"a brand new secret\"}", user.token());

        assertThat(change.status()).isEqualTo(200);
        assertThat(events(user.userId(), SessionsRevoked.class)).singleElement()
                .satisfies(event -> assertThat(event.sessionIds()).containsExactly(otherSession));
        Response fromOther = put("/update-account", "{\"first_name\": \"Other\"}",
                TestTokens.accessToken(user.userId(), otherSession));
        assertThat(fromOther.status()).isEqualTo(401);
        Response fromCaller = put("/update-account", "{\"first_name\": \"Caller\"}", user.token());
        assertThat(fromCaller.status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeWithAWrongCurrentPasswordIs401NamingTheField() {
        SignedIn user = signedIn();

        Response change = put("/update-account",
                "{\"password\": \"a brand new secret\", \"current_password\": \"not my password\"}", user.token());

        assertThat(change.status()).isEqualTo(401);
        assertThat(change.text("field")).isEqualTo("current_password");
        assertThat(change.raw().body()).doesNotContain("not my password").doesNotContain("a brand new secret");
        assertThat(events(user.userId(), PasswordChanged.class)).isEmpty();
        // Answered 401, and still stored: it counts toward the lockout.
        assertThat(events(user.userId(), LoginFailed.class)).singleElement()
                .satisfies(event -> assertThat(event.reason()).isEqualTo("wrong_current_password"));
    }

    @Test
    void wrongCurrentPasswordTenTimes_locksTheAccount_forTheLoginAsWell() {
        SignedIn user = signedIn();
        String guess = "{\"password\": \"a brand new secret\", \"current_password\": \"guess %d\"}";

        for (int i = 1; i < 10; i++) {
            Response wrong = put("/update-account", guess.formatted(i), user.token());
            assertThat(wrong.status()).as("guess %d", i).isEqualTo(401);
            assertThat(wrong.text("field")).isEqualTo("current_password");
        }
        Response tenth = put("/update-account", guess.formatted(10), user.token());
        Response rightPassword = put("/update-account",
                "{\"password\": \"a brand new secret\", \"current_password\": \"correct horse battery\"}",
                user.token());
        Response login = internalPost("/internal/verify/password",
                "{\"email\": \"%s\", \"password\": \"correct horse battery\"}".formatted(user.email()));

        assertThat(tenth.status()).isEqualTo(429);
        assertThat(tenth.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(tenth.header("Retry-After"))).isBetween(1L, 15 * 60L);
        assertThat(tenth.raw().body()).doesNotContain("guess 10");
        assertThat(rightPassword.status()).as("while locked, even the right password").isEqualTo(429);
        assertThat(rightPassword.header("Retry-After")).isNotNull();
        assertThat(login.status()).isEqualTo(429);
        assertThat(events(user.userId(), LoginFailed.class)).hasSize(10)
                .allSatisfy(event -> assertThat(event.reason()).isEqualTo("wrong_current_password"))
                .extracting(LoginFailed::consecutiveFailures).endsWith(10);
        assertThat(events(user.userId(), AccountLocked.class)).hasSize(1);
        assertThat(events(user.userId(), PasswordChanged.class)).isEmpty();
        // Names need no password: they still change.
        assertThat(put("/update-account", "{\"first_name\": \"John\"}", user.token()).status()).isEqualTo(200);
    }

    @Test
    void aPhoneChangeIsPendingUntilTheCodeSentToTheNewNumberIsConfirmed() {
        SignedIn user = signedIn();
        String newPhone = uniquePhone();

        Response change = put("/update-account", "{\"phone_number\": \"%s\"}".formatted(newPhone), user.token());
        assertThat(change.status()).isEqualTo(200);
        assertThat(change.body().get("phone_verification_pending").asBoolean()).isTrue();
        assertThat(events(user.userId(), PhoneNumberChanged.class)).isEmpty();
        String code = latestPhoneChangeCode(user.userId());

        Response confirmed = post("/verify-phone", "{\"code\": \"%s\"}".formatted(code), user.token());

        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        assertThat(events(user.userId(), PhoneNumberChanged.class)).singleElement()
                .satisfies(event -> assertThat(event.phoneNumber()).isEqualTo(newPhone));
        Response login = internalPost("/internal/verify/password",
                "{\"email\": \"%s\", \"password\": \"correct horse battery\"}".formatted(user.email()));
        assertThat(login.body().get("claims").get("phone_number").asString()).isEqualTo(newPhone);
        assertThat(login.body().get("claims").get("phone_verified").asBoolean()).isTrue();
        // The old number belongs to nobody now.
        registerUser(uniqueEmail(), user.phone(), "correct horse battery");
    }

    @Test
    void aPhoneNumberOfAnotherUserIsAConflict() {
        SignedIn user = signedIn();
        String taken = uniquePhone();
        registerUser(uniqueEmail(), taken, "correct horse battery");

        Response change = put("/update-account", "{\"phone_number\": \"%s\"}".formatted(taken), user.token());

        assertThat(change.status()).isEqualTo(409);
        assertThat(change.text("field")).isEqualTo("phone_number");
    }

    /**
     * The lookup follows the events in the command's transaction: a number someone else registered while its code
     * waited makes the confirmation a conflict, and the change is not stored.
     */
    @Test
    void aNumberTakenWhileItsCodeWaits_isAConflictAtConfirmation_andTheChangeIsNotStored() {
        SignedIn user = signedIn();
        String newPhone = uniquePhone();
        assertThat(put("/update-account", "{\"phone_number\": \"%s\"}".formatted(newPhone), user.token()).status())
                .isEqualTo(200);
        String code = latestPhoneChangeCode(user.userId());
        String other = registerUser(uniqueEmail(), newPhone, "correct horse battery");

        Response confirmed = post("/verify-phone", "{\"code\": \"%s\"}".formatted(code), user.token());

        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(409);
        assertThat(confirmed.text("field")).isEqualTo("phone_number");
        assertThat(events(user.userId(), PhoneNumberChanged.class)).isEmpty();
        assertThat(loginWithOtp(other, newPhone).get("user_id").asString()).isEqualTo(other);
    }

    @Test
    void theMailedTokenVerifiesTheEmailOnce() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), "correct horse battery");
        String token = latestEmailToken(userId);

        Response verified = post("/verify-email", "{\"token\": \"%s\"}".formatted(token));
        Response again = post("/verify-email", "{\"token\": \"%s\"}".formatted(token));

        assertThat(verified.status()).isEqualTo(200);
        assertThat(events(userId, EmailVerified.class)).hasSize(1);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.text("field")).isEqualTo("token");
    }

    @Test
    void updateAccountWithoutATokenIs401() {
        Response response = put("/update-account", "{\"first_name\": \"John\"}", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void forgedExpiredMisaddressedAndUnsignedTokensAreAll401() {
        SignedIn user = signedIn();
        String body = "{\"first_name\": \"Mallory\"}";
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + user.token().split("\\.")[1] + ".";
        String edited = user.token().split("\\.")[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ("{\"sub\":\"" + user.userId() + "\",\"role\":\"admin\"}").getBytes())
                + "." + user.token().split("\\.")[2];

        assertThat(put("/update-account", body, TestTokens.forgedAccessToken(user.userId(), user.sessionId()))
                .status()).isEqualTo(401);
        assertThat(put("/update-account", body, unsigned).status()).isEqualTo(401);
        assertThat(put("/update-account", body, edited).status()).isEqualTo(401);
        assertThat(put("/update-account", body, TestTokens.accessToken(user.userId(), user.sessionId(),
                claims -> claims.expirationTime(Date.from(Instant.now().minusSeconds(120))))).status()).isEqualTo(401);
        assertThat(put("/update-account", body, TestTokens.accessToken(user.userId(), user.sessionId(),
                claims -> claims.issuer("https://evil.example"))).status()).isEqualTo(401);
        assertThat(put("/update-account", body, TestTokens.accessToken(user.userId(), user.sessionId(),
                claims -> claims.audience("another-service"))).status()).isEqualTo(401);
        assertThat(events(user.userId(), ProfileUpdated.class)).isEmpty();
    }

    @Test
    void aTokenOfASessionThatNeverStartedIsRefused() {
        SignedIn user = signedIn();

        Response response = put("/update-account", "{\"first_name\": \"John\"}",
                TestTokens.accessToken(user.userId(), "no-such-session"));

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void anUpdateWithNothingToChangeIsABadRequest() {
        SignedIn user = signedIn();

        assertThat(put("/update-account", "{}", user.token()).status()).isEqualTo(400);
    }
}
