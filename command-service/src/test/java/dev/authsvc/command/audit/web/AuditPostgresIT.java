package dev.authsvc.command.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.audit.chain.ChainVerifier;
import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.TestTokens;
import dev.authsvc.testsupport.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Tamper evidence on PostgreSQL (CI sets {@code AUTH_TEST_POSTGRES_URL}): a stored event's payload edited with SQL,
 * as someone with write access to the database could, is found by {@code /audit/verify}, which names the user and
 * the sequence number.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL_VARIABLE, matches = ".+")
class AuditPostgresIT extends ApiTestSupport {

    private static final String EDIT = "UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, "
            + "'UTF8'), ?, ?), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 0";

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPayloadEditedInPostgres_isNamedByVerifyWithUserAndSequence() {
        String userId = registerUser(uniqueEmail(), uniquePhone(), "correct horse battery");
        String auditor = TestTokens.accessToken(UUID.randomUUID().toString(), "s", c -> c.claim("role", "auditor"));
        assertThat(get("/audit/verify", auditor).body().get("intact").asBoolean()).isTrue();

        assertThat(jdbc.sql(EDIT).params("\"Test\"", "\"Evil\"", userId).update()).isEqualTo(1);
        try {
            JsonNode verification = get("/audit/verify", auditor).body();

            assertThat(verification.get("intact").asBoolean()).isFalse();
            assertThat(verification.get("broken_users").asLong()).isEqualTo(1);
            JsonNode broken = verification.get("first_broken_link");
            assertThat(broken.get("user_id").asString()).isEqualTo(userId);
            assertThat(broken.get("sequence").asLong()).isZero();
            assertThat(broken.get("what").asString()).isEqualTo(ChainVerifier.PAYLOAD);
        } finally {
            jdbc.sql(EDIT).params("\"Evil\"", "\"Test\"", userId).update();
        }
        assertThat(get("/audit/verify", auditor).body().get("intact").asBoolean()).isTrue();
    }
}
