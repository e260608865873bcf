package dev.authsvc.query.login;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.authsvc.events.data.PhoneNumberRemovedData;
import dev.authsvc.query.support.CommandServiceStub;
import dev.authsvc.query.support.CommandServiceStub.Verified;
import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * Access tokens and {@code /me} say whether the email and the phone are verified, so other services can tell an
 * account whose email nobody proved; a number a reset took off is gone from {@code /me}; command-service's refusals
 * of a login (email not verified, locked until reset) reach the client in its words.
 */
class AccountOwnershipClaimsIT extends QueryServiceTestSupport {

    @Test
    void theAccessToken_saysEmailVerified_asCommandServiceAnsweredAtLogin() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        CommandServiceStub.acceptPassword(email, "correct horse battery",
                Verified.password(userId, email, phone, clock.instant()));

        Response verified = post("/login", """
                {"email": "%s", "password": "correct horse battery"}""".formatted(email));
        LoggedIn unverified = login(userId, email, phone);

        assertThat(verifyWithJwks(verified.text("access_token")).get("email_verified", Boolean.class)).isTrue();
        assertThat(verifyWithJwks(unverified.accessToken()).get("email_verified", Boolean.class)).isFalse();
        assertThat(verifyWithJwks(unverified.accessToken()).get("phone_verified", Boolean.class)).isTrue();
    }

    @Test
    void aRefreshAfterTheEmailWasVerified_issuesATokenSayingSo() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        LoggedIn login = login(userId, email, phone);

        publish(TestEvents.emailVerified(userId, 1, email));
        awaitUser(userId, user -> user.emailVerified());
        Response refreshed = refresh(login.refreshToken());

        assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
        assertThat(verifyWithJwks(refreshed.text("access_token")).get("email_verified", Boolean.class)).isTrue();
    }

    @Test
    void me_showsTheEmailVerified_andNoPhoneOnceARemovalTookItOff() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        LoggedIn login = login(userId, email, phone);
        publish(TestEvents.otpVerified(userId, 1), TestEvents.emailVerified(userId, 2, email),
                TestEvents.envelope(userId, 3, PhoneNumberRemovedData.TYPE,
                        new PhoneNumberRemovedData(phone, "password_reset")));
        awaitSequence(userId, 3);

        Response me = get("/me", login.accessToken());

        assertThat(me.status()).as(me.raw().body()).isEqualTo(200);
        assertThat(me.body().get("email_verified").asBoolean()).isTrue();
        assertThat(me.body().get("phone_verified").asBoolean()).isFalse();
        assertThat(me.body().get("phone_number").isNull()).isTrue();
    }

    @Test
    void commandServicesEmailNotVerifiedRefusal_is403WithItsSentenceAndField() {
        String email = TestEvents.uniqueEmail();
        String sentence = "The email address is not verified yet: follow the link mailed at registration.";
        CommandServiceStub.server().stubFor(WireMock.post(urlEqualTo(CommandServiceStub.PASSWORD_PATH))
                .withHeader("X-Service-Credential", equalTo(CommandServiceStub.CREDENTIAL))
                .withRequestBody(matchingJsonPath("$.email", equalTo(email)))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":403,\"detail\":\"" + sentence + "\",\"error\":\"" + sentence
                                + "\",\"field\":\"email\"}")));

        Response refused = post("/login", "{\"email\": \"%s\", \"password\": \"correct horse battery\"}"
                .formatted(email));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.text("error")).isEqualTo(sentence);
        assertThat(refused.text("field")).isEqualTo("email");
    }

    @Test
    void aLockUntilReset_is429WithRetryAfter_andSaysToResetThePassword() {
        String phone = TestEvents.uniquePhone();
        String sentence = "Too many failed attempts: the account is locked until its password is reset.";
        CommandServiceStub.server().stubFor(WireMock.post(urlEqualTo(CommandServiceStub.OTP_PATH))
                .withRequestBody(matchingJsonPath("$.phone_number", equalTo(phone)))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/problem+json")
                        .withHeader("Retry-After", "86400")
                        .withBody("{\"status\":429,\"detail\":\"" + sentence + "\",\"error\":\"" + sentence + "\"}")));

        Response locked = post("/login", "{\"phone_number\": \"%s\", \"otp\": \"000000\"}".formatted(phone));

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isEqualTo("86400");
        assertThat(locked.text("error")).isEqualTo(sentence);
    }
}
