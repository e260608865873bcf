package dev.authsvc.command.user.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.command.support.ApiTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** A user with a long login history is loaded from a snapshot plus the events after it. */
@TestPropertySource(properties = "auth.snapshot-threshold=5")
class SnapshotIT extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSnapshotIsTakenAfterTheThresholdAndTheUserStillBehavesTheSame() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), "correct horse battery");
        String login = "{\"email\": \"%s\", \"password\": \"correct horse battery\"}".formatted(email);
        for (int i = 0; i < 6; i++) {
            assertThat(internalPost("/internal/verify/password", login).status()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?")
                .param(userId).query(Long.class).single()).isPositive());

        // Loaded from the snapshot: the password and the failure count still work as before.
        Response wrong = internalPost("/internal/verify/password",
                "{\"email\": \"%s\", \"password\": \"not the password\"}".formatted(email));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(internalPost("/internal/verify/password", login).status()).isEqualTo(200);
        assertThat(eventStore.readEvents(userId).asStream().findFirst().orElseThrow().getPayloadType().getSimpleName())
                .isEqualTo("User");
    }
}
