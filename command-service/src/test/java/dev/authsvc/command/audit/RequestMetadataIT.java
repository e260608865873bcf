package dev.authsvc.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import java.net.http.HttpRequest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

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
