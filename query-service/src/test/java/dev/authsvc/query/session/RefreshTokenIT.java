package dev.authsvc.query.session;

import static dev.authsvc.query.support.TestEvents.at;
import static dev.authsvc.query.support.TestEvents.passwordResetCompleted;
import static dev.authsvc.query.support.TestEvents.phoneChanged;
import static dev.authsvc.query.support.TestEvents.sessionsRevoked;
import static org.assertj.core.api.Assertions.assertThat;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.authsvc.query.support.CommandServiceStub;
import dev.authsvc.query.support.CommandServiceStub.Verified;
import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEvents;
import dev.authsvc.testsupport.PrivateNetworkPeer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.jsonwebtoken.Claims;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RefreshTokenIT extends QueryServiceTestSupport {

    @Autowired
    RefreshTokenRepository repository;

    @Test
    void refresh_rotates_givingANewRefreshTokenAndANewAccessTokenOfTheSameSession() {
        LoggedIn login = login();

        Response first = refresh(login.refreshToken());
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        String child = first.text("refresh_token");
        assertThat(child).isNotEqualTo(login.refreshToken()).matches("[A-Za-z0-9_-]{51}");
        assertThat(first.text("message")).isEqualTo("Token refreshed.");
        assertThat(first.text("token_type")).isEqualTo("Bearer");
        assertThat(first.body().get("expires_in").asLong()).isEqualTo(900);
        Claims claims = verifyWithJwks(first.text("access_token"));
        assertThat(claims.get("sid", String.class)).isEqualTo(login.verified().sessionId());
        assertThat(claims.getSubject()).isEqualTo(login.verified().userId());
        assertThat(claims.getId()).isNotEqualTo(verifyWithJwks(login.accessToken()).getId());

        Response second = refresh(child);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text("refresh_token")).isNotIn(child, login.refreshToken());
        assertThat(get("/me", second.text("access_token")).status()).isEqualTo(200);
    }

    @Test
    void aRefreshedAccessToken_carriesWhatChangedSinceLogin() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        CommandServiceStub.acceptPassword(email, "correct horse battery",
                Verified.password(userId, email, phone, clock.instant()));
        Response login = post("/login", "{\"email\": \"%s\", \"password\": \"correct horse battery\"}"
                .formatted(email));
        assertThat(verifyWithJwks(login.text("access_token")).get("phone_verified", Boolean.class)).isFalse();

        publish(at(phoneChanged(userId, 1, phone, TestEvents.uniquePhone()), clock.instant().plusSeconds(1)));
        awaitSequence(userId, 1);

        Response refreshed = refresh(login.text("refresh_token"));
        assertThat(verifyWithJwks(refreshed.text("access_token")).get("phone_verified", Boolean.class)).isTrue();
    }

    @Test
    void presentingAnOlderUsedToken_revokesTheWholeFamily() {
        LoggedIn login = login();
        String child = refresh(login.refreshToken()).text("refresh_token");
        Response grandchild = refresh(child);
        assertThat(grandchild.status()).isEqualTo(200);

        // The first token is no longer the newest token's parent: a copy is in play.
        assertThat(refresh(login.refreshToken()).status()).isEqualTo(401);

        assertThat(refresh(grandchild.text("refresh_token")).status()).isEqualTo(401);
        assertThat(get("/me", grandchild.text("access_token")).status()).isEqualTo(401);
        assertThat(repository.findSession(login.verified().sessionId()).orElseThrow().revokedReason())
                .isEqualTo("refresh_token_reuse");
    }

    @Test
    void aReusedRefreshToken_endsTheSessionOnCommandServiceToo_soItsAccessTokensAreRefusedThereAtOnce() {
        LoggedIn login = login();
        String child = refresh(login.refreshToken()).text("refresh_token");
        assertThat(refresh(child).status()).isEqualTo(200);

        assertThat(refresh(login.refreshToken()).status()).isEqualTo(401);

        CommandServiceStub.server().verify(1, CommandServiceStub.sessionEnded(
                login.verified().userId(), login.verified().sessionId(), "refresh_token_reuse"));
    }

    @Test
    void aReuseWhileCommandServiceIsDown_stillRevokesTheFamilyHere() {
        LoggedIn login = login();
        CommandServiceStub.failSessionEnd(login.verified().sessionId(), Fault.CONNECTION_RESET_BY_PEER);
        String child = refresh(login.refreshToken()).text("refresh_token");
        assertThat(refresh(child).status()).isEqualTo(200);

        assertThat(refresh(login.refreshToken()).status()).isEqualTo(401);

        assertThat(repository.findSession(login.verified().sessionId()).orElseThrow().revokedReason())
                .isEqualTo("refresh_token_reuse");
    }

    @Test
    void theImmediateParentAfterTheGracePeriod_revokesTheFamily() {
        LoggedIn login = login();
        String child = refresh(login.refreshToken()).text("refresh_token");

        clock.advance(Duration.ofSeconds(11));

        assertThat(refresh(login.refreshToken()).status()).isEqualTo(401);
        assertThat(refresh(child).status()).isEqualTo(401);
    }

    @Test
    void theImmediateParentWithin10Seconds_returnsTheSameChild_andTheFamilyLivesOn() {
        LoggedIn login = login();
        Response first = refresh(login.refreshToken());

        clock.advance(Duration.ofSeconds(8));
        Response again = refresh(login.refreshToken());

        assertThat(again.status()).as(again.raw().body()).isEqualTo(200);
        assertThat(again.text("refresh_token")).isEqualTo(first.text("refresh_token"));
        assertThat(verifyWithJwks(again.text("access_token")).get("sid", String.class))
                .isEqualTo(login.verified().sessionId());
        assertThat(refresh(first.text("refresh_token")).status()).isEqualTo(200);
    }

    @Test
    void unknownMalformedOrMissingRefreshTokens_areRefused() {
        assertThat(refresh("A".repeat(43)).status()).isEqualTo(401);
        assertThat(refresh("A".repeat(51)).status()).isEqualTo(401);
        assertThat(refresh(RefreshTokenSecrets.keyBound(clock.instant()) + "A".repeat(43)).status()).isEqualTo(401);
        Response malformed = refresh("not-a-token");
        assertThat(malformed.status()).isEqualTo(401);
        assertThat(malformed.text("error")).isEqualTo("The refresh token is not valid.");
        Response missing = post("/token/refresh", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("field")).isEqualTo("refresh_token");
        assertThat(post("/token/refresh", "{\"refresh_token\": 42.5}").status()).isIn(400, 401);
    }

    @Test
    void anExpiredRefreshToken_isRefused() {
        LoggedIn login = login();

        clock.advance(Duration.ofDays(30).plusMinutes(1));

        assertThat(refresh(login.refreshToken()).status()).isEqualTo(401);
    }

    /**
     * The security rules (docs/security-rules.md) say 30 days: a session refreshed within each idle timeout still refreshes one minute short of that
     * (the expired case is above).
     */
    @Test
    void aSessionRefreshedEveryTenDays_stillRefreshesOneMinuteShortOf30Days() {
        LoggedIn login = login();
        String token = login.refreshToken();

        for (Duration step : List.of(Duration.ofDays(10), Duration.ofDays(10), Duration.ofDays(10).minusMinutes(1))) {
            clock.advance(step);
            Response refreshed = refresh(token);
            assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
            token = refreshed.text("refresh_token");
        }
    }

    @Test
    void aSessionRefreshedEveryTenDays_endsThirtyDaysAfterItsLogin() {
        LoggedIn login = login();
        String token = login.refreshToken();
        for (int refreshes = 0; refreshes < 2; refreshes++) {
            clock.advance(Duration.ofDays(10));
            token = refresh(token).text("refresh_token");
        }

        clock.advance(Duration.ofDays(10).plusMinutes(1));

        Response refused = refresh(token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("error")).isEqualTo("The refresh token is not valid.");
    }

    @Test
    void aRefreshTokenUnusedFor14Days_isRefused_andOneMinuteShortOfThatStillRefreshes() {
        LoggedIn idle = login();
        LoggedIn active = login();

        clock.advance(Duration.ofDays(14).minusMinutes(1));
        Response refreshed = refresh(active.refreshToken());
        assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));

        Response refused = refresh(idle.refreshToken());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("error")).isEqualTo("The refresh token is not valid.");
        assertThat(refresh(refreshed.text("refresh_token")).status()).isEqualTo(200);
    }

    @Test
    void logoutWithTheRefreshToken_endsTheSession() {
        LoggedIn login = login();

        Response logout = post("/logout", "{\"refresh_token\": \"%s\"}".formatted(login.refreshToken()));

        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.text("message")).isEqualTo("Logged out.");
        assertThat(refresh(login.refreshToken()).status()).isEqualTo(401);
        assertThat(get("/me", login.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void logoutWithTheAccessToken_endsTheSession() {
        LoggedIn login = login();

        assertThat(post("/logout", "", login.accessToken()).status()).isEqualTo(200);

        assertThat(refresh(login.refreshToken()).status()).isEqualTo(401);
    }

    @Test
    void logout_endsTheSessionOnCommandServiceToo_soItsAccessTokensAreRefusedThereAtOnce() {
        LoggedIn byAccessToken = login();
        LoggedIn byRefreshToken = login();

        assertThat(post("/logout", "", byAccessToken.accessToken()).status()).isEqualTo(200);
        assertThat(post("/logout", "{\"refresh_token\": \"%s\"}".formatted(byRefreshToken.refreshToken()))
                .status()).isEqualTo(200);

        CommandServiceStub.server().verify(1, CommandServiceStub.sessionEnded(
                byAccessToken.verified().userId(), byAccessToken.verified().sessionId(), "logout"));
        CommandServiceStub.server().verify(1, CommandServiceStub.sessionEnded(
                byRefreshToken.verified().userId(), byRefreshToken.verified().sessionId(), "logout"));
    }

    @Test
    void logout_whileCommandServiceIsDown_stillEndsTheSessionHere() {
        LoggedIn login = login();
        CommandServiceStub.failSessionEnd(login.verified().sessionId(), Fault.CONNECTION_RESET_BY_PEER);

        assertThat(post("/logout", "", login.accessToken()).status()).isEqualTo(200);

        assertThat(refresh(login.refreshToken()).status()).isEqualTo(401);
        assertThat(get("/me", login.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void logout_passesTheClientAddressUserAgentAndRequestIdOnToCommandService() {
        LoggedIn login = login();

        Response logout = send(request("/logout")
                .header("Authorization", "Bearer " + login.accessToken())
                .header("X-Request-Id", "logout-4711")
                .header("X-Forwarded-For", "203.0.113.9")
                .header("User-Agent", "browser-behind-the-gateway/2.0")
                .POST(HttpRequest.BodyPublishers.ofString("")));

        assertThat(logout.status()).isEqualTo(200);
        CommandServiceStub.server().verify(1, CommandServiceStub.sessionEnded(
                        login.verified().userId(), login.verified().sessionId())
                .withHeader("X-Request-Id", equalTo("logout-4711"))
                .withHeader("X-Forwarded-For", equalTo("203.0.113.9"))
                .withHeader("User-Agent", equalTo("browser-behind-the-gateway/2.0")));
    }

    /**
     * Only the trusted proxies ({@code AUTH_TRUSTED_PROXIES}, loopback by default) may say who the client is: a
     * host of the private network calling this service directly is passed on to command-service as itself.
     */
    @Test
    void logoutFromAPeerOnThePrivateNetworkThatIsNoTrustedProxy_passesOnThePeersOwnAddress() {
        PrivateNetworkPeer peer = PrivateNetworkPeer.find().orElse(null);
        assumeTrue(peer != null, "this machine has no private-network address to call from");
        LoggedIn login = login();

        PrivateNetworkPeer.Answer logout = peer.post(port, "/logout", Map.of(
                "Authorization", "Bearer " + login.accessToken(), "X-Forwarded-For", "203.0.113.9"), "");

        assertThat(logout.status()).as(logout.body()).isEqualTo(200);
        CommandServiceStub.server().verify(1, CommandServiceStub.sessionEnded(
                        login.verified().userId(), login.verified().sessionId())
                .withHeader("X-Forwarded-For", equalTo(peer.address())));
    }

    @Test
    void logoutWithAnUnknownRefreshToken_tellsCommandServiceNothing() {
        int before = CommandServiceStub.server().findAll(
                postRequestedFor(urlEqualTo(CommandServiceStub.END_SESSION_PATH))).size();

        assertThat(post("/logout", "{\"refresh_token\": \"%s\"}".formatted("C".repeat(43))).status())
                .isEqualTo(200);

        assertThat(CommandServiceStub.server().findAll(
                postRequestedFor(urlEqualTo(CommandServiceStub.END_SESSION_PATH)))).hasSize(before);
    }

    @Test
    void logoutWithNothing_is400_withABadAccessToken_is401_withAnUnknownRefreshToken_is200() {
        assertThat(post("/logout", "").status()).isEqualTo(400);
        assertThat(post("/logout", "{}").text("field")).isEqualTo("refresh_token");
        assertThat(post("/logout", "", "garbage").status()).isEqualTo(401);
        assertThat(post("/logout", "{\"refresh_token\": \"%s\"}".formatted("B".repeat(43))).status()).isEqualTo(200);
    }

    @Test
    void sessionsRevokedOnTheTopic_revokesTheListedSessionsRefreshTokens() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        LoggedIn ended = login(userId, email, phone);
        LoggedIn kept = login(userId, email, phone);

        publish(sessionsRevoked(userId, 1, List.of(ended.verified().sessionId()), "password_changed"));
        awaitRevoked(ended.verified().sessionId());

        assertThat(refresh(ended.refreshToken()).status()).isEqualTo(401);
        assertThat(get("/me", ended.accessToken()).status()).isEqualTo(401);
        assertThat(refresh(kept.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void aPasswordReset_endsEverySessionThatBeganBeforeIt_butNotLaterOnes() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        LoggedIn first = login(userId, email, phone);
        LoggedIn second = login(userId, email, phone);

        publish(at(passwordResetCompleted(userId, 1), clock.instant().plusSeconds(1)),
                at(sessionsRevoked(userId, 2, List.of(), "password_reset"), clock.instant().plusSeconds(1)));
        awaitRevoked(first.verified().sessionId());
        awaitRevoked(second.verified().sessionId());
        assertThat(refresh(first.refreshToken()).status()).isEqualTo(401);
        assertThat(refresh(second.refreshToken()).status()).isEqualTo(401);

        clock.advance(Duration.ofSeconds(5));
        LoggedIn after = login(userId, email, phone);
        assertThat(refresh(after.refreshToken()).status()).isEqualTo(200);
        assertThat(user(userId).orElseThrow().sessionsRevokedBefore()).isNotNull();
    }

    private void awaitRevoked(String sessionId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> repository.findSession(sessionId).map(RefreshSession::revoked).orElse(false));
    }
}
