package dev.authsvc.command.audit.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Secrets go, whatever the event, and everything else stays, in snake case. */
class RedactionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void hashesSealedValuesAndPasswords_areRedacted_atAnyDepth() {
        JsonNode redacted = Redaction.redact(JSON.readTree("""
                {"passwordHash": "{bcrypt}$2a$04$abc", "codeHash": "h1", "tokenHash": "h2",
                 "sealedCode": {"keyId": "k", "ciphertext": "c1", "version": 2},
                 "loginCode": {"hash": "h3", "expiresAt": "2026-12-06T04:00:00Z", "failedTries": 1},
                 "newPassword": "p", "items": [{"sealedToken": "s"}]}"""));

        assertThat(redacted.toString()).doesNotContain("$2a$04$abc", "h1", "h2", "c1", "h3", "\"p\"", "\"s\"");
        assertThat(redacted.get("password_hash").asString()).isEqualTo(Redaction.REDACTED);
        assertThat(redacted.get("sealed_code").asString()).isEqualTo(Redaction.REDACTED);
        assertThat(redacted.get("login_code").get("hash").asString()).isEqualTo(Redaction.REDACTED);
        assertThat(redacted.get("login_code").get("failed_tries").asInt()).isEqualTo(1);
        assertThat(redacted.get("items").get(0).get("sealed_token").asString()).isEqualTo(Redaction.REDACTED);
    }

    @Test
    void fieldsThatOnlyMentionAPasswordOrACode_stay() {
        JsonNode redacted = Redaction.redact(JSON.readTree("""
                {"untilPasswordReset": true, "codeKilled": false, "email": "a@example.com", "passwordHash": null}"""));

        assertThat(redacted.get("until_password_reset").asBoolean()).isTrue();
        assertThat(redacted.get("code_killed").asBoolean()).isFalse();
        assertThat(redacted.get("email").asString()).isEqualTo("a@example.com");
        assertThat(redacted.get("password_hash").isNull()).as("nothing to hide").isTrue();
    }
}
