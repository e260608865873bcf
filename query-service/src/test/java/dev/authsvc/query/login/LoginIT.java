package dev.authsvc.query.login;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.authsvc.query.support.CommandServiceStub;
import dev.authsvc.query.support.CommandServiceStub.Verified;
import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEvents;
import io.jsonwebtoken.Claims;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LoginIT extends QueryServiceTestSupport {

    @Test
    void otpLogin_answersTokens_whoseAccessTokenVerifiesAgainstTheServedJwkSet_withEveryClaim() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);

        LoggedIn login = login(userId, email, phone);

        assertThat(login.response().text("message")).isEqualTo("Login successful.");
        assertThat(login.response().text("token_type")).isEqualTo("Bearer");
        assertThat(login.response().body().get("expires_in").asLong()).isEqualTo(900);
        assertThat(login.response().header("Cache-Control")).contains("no-store");
        assertThat(login.refreshToken()).matches("[A-Za-z0-9_-]{51}");

        Claims claims = verifyWithJwks(login.accessToken());
        assertThat(claims.keySet()).containsExactlyInAnyOrder("iss", "sub", "aud", "iat", "exp", "jti", "sid",
                "auth_time", "amr", "role", "email", "email_verified", "phone_verified");
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getSubject()).isEqualTo(userId);
        assertThat(claims.getAudience()).containsExactly(AUDIENCE);
        assertThat(Duration.between(claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(claims.getId()).isNotBlank();
        assertThat(claims.get("sid", String.class)).isEqualTo(login.verified().sessionId());
        assertThat(claims.get("auth_time", Long.class)).isEqualTo(login.verified().authTime().getEpochSecond());
        assertThat(claims.get("amr", List.class)).containsExactly("otp");
        assertThat(claims.get("role", String.class)).isEqualTo("employee");
        assertThat(claims.get("email", String.class)).isEqualTo(email);
        // As command-service answered at login: the code just sent by SMS proved the phone.
        assertThat(claims.get("phone_verified", Boolean.class)).isTrue();
        assertThat(claims.get("email_verified", Boolean.class)).isFalse();
        JsonNode header = TestEvents.JSON.readTree(
                Base64.getUrlDecoder().decode(login.accessToken().substring(0, login.accessToken().indexOf('.'))));
        assertThat(header.get("alg").asString()).isEqualTo("ES256");
        assertThat(header.get("kid").asString()).isNotBlank();
    }

    @Test
    void passwordLogin_works_withAmrPwd() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        CommandServiceStub.acceptPassword(email, "correct horse battery",
                Verified.password(userId, email, phone, clock.instant()));

        Response response = post("/login", """
                {"email": "%s", "password": "correct horse battery"}""".formatted(email));

        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        assertThat(verifyWithJwks(response.text("access_token")).get("amr", List.class)).containsExactly("pwd");
    }

    @Test
    void wrongCredentials_are401_andALockedAccountIs429WithRetryAfter() {
        String phone = TestEvents.uniquePhone();
        CommandServiceStub.rejectOtp(phone);
        Response wrong = post("/login", "{\"phone_number\": \"%s\", \"otp\": \"000000\"}".formatted(phone));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrong.text("error")).isEqualTo("The credentials are not valid.");

        String locked = TestEvents.uniquePhone();
        CommandServiceStub.lockOtp(locked, 840);
        Response tooMany = post("/login", "{\"phone_number\": \"%s\", \"otp\": \"000000\"}".formatted(locked));
        assertThat(tooMany.status()).isEqualTo(429);
        assertThat(tooMany.header("Retry-After")).isEqualTo("840");
        assertThat(tooMany.text("error")).isNotBlank();
    }

    /**
     * command-service records the login's events with the request's metadata for audit (the security rules): this service
     * passes on the request id and user agent, and the client's address as it resolved it from the gateway's
     * {@code X-Forwarded-For} (this test calls from 127.0.0.1, an internal address it believes).
     */
    @Test
    void aLogin_passesTheClientAddressUserAgentAndRequestIdOnToCommandService() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        CommandServiceStub.acceptOtp(phone, "424242", Verified.otp(userId, email, phone, clock.instant()));

        Response response = send(request("/login")
                .header("X-Request-Id", "login-4711")
                .header("X-Forwarded-For", "203.0.113.9")
                .header("User-Agent", "browser-behind-the-gateway/2.0")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"phone_number\": \"%s\", \"otp\": \"424242\"}".formatted(phone))));

        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        CommandServiceStub.server().verify(1, postRequestedFor(urlEqualTo(CommandServiceStub.OTP_PATH))
                .withRequestBody(matchingJsonPath("$.phone_number", equalTo(phone)))
                .withHeader("X-Request-Id", equalTo("login-4711"))
                .withHeader("X-Forwarded-For", equalTo("203.0.113.9"))
                .withHeader("User-Agent", equalTo("browser-behind-the-gateway/2.0")));
    }

    @Test
    void unknownFields_areIgnored() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        CommandServiceStub.acceptOtp(phone, "135790", Verified.otp(userId, email, phone, clock.instant()));

        Response response = post("/login", """
                {"phone_number": "%s", "otp": "135790", "remember_me": true}""".formatted(phone));

        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    }

    @Test
    void anIncompleteBody_is400NamingTheMissingField() {
        assertThat(post("/login", "{\"phone_number\": \"+15550001234\"}").text("field")).isEqualTo("otp");
        assertThat(post("/login", "{\"otp\": \"123456\"}").text("field")).isEqualTo("phone_number");
        assertThat(post("/login", "{\"email\": \"a@example.com\"}").text("field")).isEqualTo("password");
        assertThat(post("/login", "{\"password\": \"x\"}").text("field")).isEqualTo("email");
        Response empty = post("/login", "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text("field")).isEqualTo("phone_number");
        assertThat(empty.text("error")).isEqualTo("Send 'phone_number' and 'otp', or 'email' and 'password'.");
        Response wrongType = post("/login", "{\"phone_number\": {\"a\": 1}, \"otp\": \"123456\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.text("field")).isEqualTo("phone_number");
        assertThat(post("/login", "{not json").status()).isEqualTo(400);
        assertThat(post("/login", "").status()).isEqualTo(400);
    }

    @Test
    void commandServicesOwn400_isPassedOnWithItsField() {
        String phone = TestEvents.uniquePhone();
        CommandServiceStub.answerOtp(phone, 400, """
                {"status": 400, "detail": "'phone_number' must be a phone number in international form.",
                 "error": "'phone_number' must be a phone number in international form.", "field": "phone_number"}""");

        Response response = post("/login", "{\"phone_number\": \"%s\", \"otp\": \"123456\"}".formatted(phone));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("field")).isEqualTo("phone_number");
    }

    @Test
    void commandServiceDown_is503() {
        String phone = TestEvents.uniquePhone();
        CommandServiceStub.failOtp(phone, Fault.CONNECTION_RESET_BY_PEER);

        Response response = post("/login", "{\"phone_number\": \"%s\", \"otp\": \"123456\"}".formatted(phone));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isNotNull();
    }

    @Test
    void commandServiceSheddingPasswordChecks_is503WithItsRetryAfter() {
        String email = TestEvents.uniqueEmail();
        CommandServiceStub.refusePasswordBusy(email, 4);

        Response response = post("/login", "{\"email\": \"%s\", \"password\": \"any password\"}".formatted(email));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("4");
        assertThat(response.text("error")).isEqualTo("Login is unavailable right now; try again in a moment.");
    }

    @Test
    void aRefusedServiceCredential_is503_notTheUsersFault() {
        String phone = TestEvents.uniquePhone();
        CommandServiceStub.answerOtp(phone, 401, """
                {"status": 401, "detail": "A valid service credential is required.",
                 "error": "A valid service credential is required."}""");

        assertThat(post("/login", "{\"phone_number\": \"%s\", \"otp\": \"123456\"}".formatted(phone)).status())
                .isEqualTo(503);
    }
}
