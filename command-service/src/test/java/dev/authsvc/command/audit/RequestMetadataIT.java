package dev.authsvc.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.TestSecrets;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.UserLoggedIn;
import dev.authsvc.testsupport.PrivateNetworkPeer;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RequestMetadataIT extends ApiTestSupport {

    @Test
    void everyEventKeepsTheRequestIdClientAddressAndUserAgent() {
        Response response = send(request("/register")
                .header("X-Request-Id", "req-4711")
                .header("User-Agent", "audit-test/1.0")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"first_name": "Audit", "last_name": "Trail", "email": "%s", "phone_number": "%s",
                         "password": "correct horse battery"}""".formatted(uniqueEmail(), uniquePhone()))));
        assertThat(response.status()).isEqualTo(200);

        assertThat(events(response.text("user_id"))).hasSize(2).allSatisfy((DomainEventMessage<?> event) -> {
            assertThat(event.getMetaData()).containsEntry("request_id", "req-4711");
            assertThat(event.getMetaData()).containsEntry("client_address", "127.0.0.1");
            assertThat(event.getMetaData()).containsEntry("user_agent", "audit-test/1.0");
        });
    }

    /**
     * Logins reach this service from query-service, which passes on the request id, the user agent and the
     * client's address ({@code X-Forwarded-For}, believed from an internal address such as query-service's): the
     * login's events keep those, not query-service's own.
     */
    @Test
    void loginEvents_keepTheForwardedClientAddressUserAgentAndRequestId() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), "correct horse battery");

        for (String password : new String[] {"wrong horse battery", "correct horse battery"}) {
            Response login = send(request("/internal/verify/password")
                    .header("X-Service-Credential", TestSecrets.SERVICE_CREDENTIAL)
                    .header("X-Request-Id", "login-4711")
                    .header("X-Forwarded-For", "203.0.113.7")
                    .header("User-Agent", "browser-behind-the-gateway/2.0")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password))));
            assertThat(login.status()).isIn(200, 401);
        }

        List<DomainEventMessage<?>> loginEvents = events(userId).stream()
                .filter(event -> event.getPayload() instanceof LoginFailed || event.getPayload() instanceof UserLoggedIn)
                .toList();
        assertThat(loginEvents).hasSize(2).allSatisfy((DomainEventMessage<?> event) -> {
            assertThat(event.getMetaData()).containsEntry("request_id", "login-4711");
            assertThat(event.getMetaData()).containsEntry("client_address", "203.0.113.7");
            assertThat(event.getMetaData()).containsEntry("user_agent", "browser-behind-the-gateway/2.0");
        });
    }

    /**
     * Only the trusted proxies ({@code AUTH_TRUSTED_PROXIES}, loopback by default) may say who the client is:
     * another host of the private network sending {@code X-Forwarded-For} straight to this service is recorded
     * as itself, so it cannot pin its changes on someone else's address.
     */
    @Test
    void aPeerOnThePrivateNetworkThatIsNoTrustedProxy_isRecordedAsItself_notAsTheAddressItForwards() {
        PrivateNetworkPeer peer = PrivateNetworkPeer.find().orElse(null);
        assumeTrue(peer != null, "this machine has no private-network address to call from");

        PrivateNetworkPeer.Answer answer = peer.post(port, "/register", Map.of("X-Forwarded-For", "203.0.113.7"), """
                {"first_name": "Audit", "last_name": "Trail", "email": "%s", "phone_number": "%s",
                 "password": "correct horse battery"}""".formatted(uniqueEmail(), uniquePhone()));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String userId = JsonMapper.builder().build().readTree(answer.body()).get("user_id").asString();
        assertThat(events(userId)).isNotEmpty().allSatisfy((DomainEventMessage<?> event) ->
                assertThat(event.getMetaData()).containsEntry("client_address", peer.address()));
    }

    @Test
    void aMissingOrOddRequestIdIsReplacedByAFreshOne() {
        Response response = send(request("/register")
                .header("X-Request-Id", "<script>alert(1)</script>")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"first_name": "Audit", "last_name": "Trail", "email": "%s", "phone_number": "%s",
                         "password": "correct horse battery"}""".formatted(uniqueEmail(), uniquePhone()))));

        Object requestId = events(response.text("user_id")).get(0).getMetaData().get("request_id");
        assertThat(requestId).asString().matches("[0-9a-f-]{36}");
    }
}
