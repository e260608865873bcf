package dev.authsvc.command.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.audit.application.Redaction;
import dev.authsvc.command.audit.chain.ChainVerifier;
import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.TestTokens;
import dev.authsvc.command.user.api.EmailVerificationRequested;
import dev.authsvc.command.user.api.OtpRequested;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.PasswordResetCompleted;
import dev.authsvc.command.user.api.PasswordResetRequested;
import dev.authsvc.command.user.api.ProfileUpdated;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.UserRegistered;
import dev.authsvc.command.user.application.AccountService;
import dev.authsvc.command.user.application.AccountService.Registration;
import dev.authsvc.command.user.infrastructure.LookupKind;
import dev.authsvc.command.user.infrastructure.UserLookup;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The audit API over HTTP (H2 here, PostgreSQL when {@code AUTH_TEST_POSTGRES_URL} is set): who may read it, what it
 * shows and hides, paging and streaming, state at an instant, and tampering found by the chain walk.
 */
class AuditApiIT extends ApiTestSupport {

    static final String[] PATHS = {"/audit/users/%s/events", "/audit/events", "/audit/users/%s/state",
        "/audit/verify", "/audit/users/%s/verify"};

    @Autowired
    AccountService accounts;

    @Autowired
    UserLookup lookup;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    PlatformTransactionManager transactionManager;

    /** A real user with this role, made the way the bootstrap admin is; answers an access token of theirs. */
    String tokenOf(Role role) {
        String email = uniqueEmail();
        accounts.registerBootstrapAdmin(new Registration("Audit", "Fixture", email, uniquePhone(), role,
                new Password("correct horse battery")));
        String userId = lookup.find(LookupKind.EMAIL, email).orElseThrow();
        return TestTokens.accessToken(userId, UUID.randomUUID().toString(),
                claims -> claims.claim("role", role.value()));
    }

    String auditorToken() {
        return tokenOf(Role.AUDITOR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "auditor"})
    void adminsAndAuditors_readEveryAuditPath(String role) {
        String userId = registerUser(uniqueEmail(), uniquePhone(), "correct horse battery");
        String token = tokenOf(Role.parse(role).orElseThrow());

        for (String path : PATHS) {
            Response response = get(path.formatted(userId), token);
            assertThat(response.status()).as(path + ": " + response.raw().body()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "employee"})
    void managersAndEmployees_getA403ProblemOnEveryAuditPath(String role) {
        String userId = registerUser(uniqueEmail(), uniquePhone(), "correct horse battery");
        String token = tokenOf(Role.parse(role).orElseThrow());

        for (String path : PATHS) {
            Response response = get(path.formatted(userId), token);
            assertThat(response.status()).as(path).isEqualTo(403);
            assertIsProblem(response);
        }
    }

    @Test
    void withoutAToken_everyAuditPathIs401() {
        for (String path : PATHS) {
            Response response = get(path.formatted("someone"));
            assertThat(response.status()).as(path).isEqualTo(401);
            assertIsProblem(response);
        }
    }

    @Test
    void aTokenWithAnUnknownRole_orARoleListInOneClaim_isRefused() {
        for (String role : List.of("superuser", "employee admin", "admin,auditor")) {
            String token = TestTokens.accessToken(UUID.randomUUID().toString(), "s", c -> c.claim("role", role));
            assertThat(get("/audit/verify", token).status()).as(role).isEqualTo(403);
        }
    }

    @Test
    void aUsersEvents_comeOldestFirst_withPositionSequenceTimeTypeAndRequestMetadata() {
        String phone = uniquePhone();
        Response registered = send(request("/register").header("User-Agent", "audit-test/1.0")
                .header("X-Request-Id", "req-audit-1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"first_name": "Ada", "last_name": "Audit", "email": "%s", "phone_number": "%s",
                         "password": "correct horse battery"}""".formatted(uniqueEmail(), phone))));
        String userId = registered.text("user_id");
        String sessionId = loginWithOtp(userId, phone).get("session_id").asString();
        assertThat(put("/update-account", "{\"first_name\": \"Grace\"}", TestTokens.accessToken(userId, sessionId))
                .status()).isEqualTo(200);

        Response response = get("/audit/users/" + userId + "/events", auditorToken());

        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> events = list(response.body().get("events"));
        assertThat(events).extracting(e -> e.get("sequence").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(events).extracting(e -> e.get("position").asLong()).isSorted();
        assertThat(events).extracting(e -> e.get("type").asString()).startsWith("UserRegistered",
                "EmailVerificationRequested", "OtpRequested").endsWith("ProfileUpdated");
        JsonNode first = events.get(0);
        assertThat(first.get("user_id").asString()).isEqualTo(userId);
        assertThat(Instant.parse(first.get("time").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(first.get("payload").get("first_name").asString()).isEqualTo("Ada");
        assertThat(first.get("metadata").get("request_id").asString()).isEqualTo("req-audit-1");
        assertThat(first.get("metadata").get("user_agent").asString()).isEqualTo("audit-test/1.0");
        assertThat(first.get("metadata").get("client_address").asString()).isNotBlank();
        assertThat(first.get("metadata").get("acting_user_id").isNull()).as("registration carries no token").isTrue();
        assertThat(events.get(5).get("metadata").get("acting_user_id").asString()).isEqualTo(userId);
    }

    @Test
    void noPasswordHashCodeOrTokenHashOrSealedValue_appearsInAnyAuditAnswer() {
        String email = uniqueEmail();
        String phone = uniquePhone();
        String userId = registerUser(email, phone, "first-Secret-Pass");
        loginWithOtp(userId, phone);
        assertThat(post("/reset-password", "{\"email\": \"%s\"}".formatted(email)).status()).isEqualTo(200);
        assertThat(post("/reset-password/confirm", "{\"token\": \"%s\", \"new_password\": \"%s\"}"
                .formatted(latestResetToken(userId), "second-Secret-Pass")).status()).isEqualTo(200);
        List<String> secrets = new ArrayList<>();
        for (UserRegistered e : events(userId, UserRegistered.class)) {
            secrets.add(e.passwordHash());
        }
        for (EmailVerificationRequested e : events(userId, EmailVerificationRequested.class)) {
            secrets.add(e.tokenHash());
            secrets.add(e.sealedToken().ciphertext());
        }
        for (OtpRequested e : events(userId, OtpRequested.class)) {
            secrets.add(e.codeHash());
            secrets.add(e.sealedCode().ciphertext());
        }
        for (PasswordResetRequested e : events(userId, PasswordResetRequested.class)) {
            secrets.add(e.tokenHash());
            secrets.add(e.sealedToken().ciphertext());
        }
        for (PasswordResetCompleted e : events(userId, PasswordResetCompleted.class)) {
            secrets.add(e.passwordHash());
        }
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(8).doesNotContainNull();
        String token = auditorToken();
        long before = list(get("/audit/users/" + userId + "/events", token).body().get("events")).get(0)
                .get("position").asLong() - 1;

        List<String> answers = List.of(
                get("/audit/users/" + userId + "/events", token).raw().body(),
                get("/audit/users/" + userId + "/state", token).raw().body(),
                get("/audit/events?after=" + before + "&limit=1000", token).raw().body(),
                ndjson("/audit/events?after=" + before + "&limit=1000", token).body());

        assertThat(answers.get(0)).contains(userId).contains(Redaction.REDACTED);
        assertThat(answers.get(1)).contains(Redaction.REDACTED);
        for (String answer : answers) {
            for (String secret : secrets) {
                assertThat(answer).doesNotContain(secret);
            }
        }
    }

    @Test
    void theGlobalStream_isPagedByPosition_andStreamedAsNdjson() {
        String token = auditorToken();
        String first = registerUser(uniqueEmail(), uniquePhone(), "correct horse battery");
        registerUser(uniqueEmail(), uniquePhone(), "correct horse battery");
        long start = list(get("/audit/users/" + first + "/events", token).body().get("events")).get(0)
                .get("position").asLong() - 1;

        JsonNode page = get("/audit/events?after=" + start + "&limit=3", token).body();
        List<JsonNode> events = list(page.get("events"));
        assertThat(events).hasSize(3);
        assertThat(events.get(0).get("user_id").asString()).isEqualTo(first);
        assertThat(page.get("next_after").asLong()).isEqualTo(events.get(2).get("position").asLong());
        JsonNode next = get("/audit/events?after=" + page.get("next_after").asLong() + "&limit=1", token).body();
        assertThat(list(next.get("events")).get(0).get("position").asLong())
                .isGreaterThan(page.get("next_after").asLong());

        HttpResponse<String> stream = ndjson("/audit/events?after=" + start + "&limit=3", token);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        List<JsonNode> lines = stream.body().lines().map(JSON::readTree).toList();
        assertThat(lines).extracting(e -> e.get("position").asLong())
                .containsExactlyElementsOf(events.stream().map(e -> e.get("position").asLong()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/audit/events?after=-1|after", "/audit/events?after=x|after",
        "/audit/events?limit=0|limit", "/audit/events?limit=1001|limit", "/audit/events?limit=ten|limit",
        "/audit/users/u/state?at=yesterday|at"})
    void badParameters_areA400NamingTheParameter(String pathAndField) {
        String[] parts = pathAndField.split("\\|");

        Response response = get(parts[0], auditorToken());

        assertThat(response.status()).isEqualTo(400);
        assertIsProblem(response);
        assertThat(response.text("field")).isEqualTo(parts[1]);
    }

    @Test
    void anUnknownUser_isA404ProblemOnEveryUserPath() {
        String token = auditorToken();
        for (String path : List.of("/audit/users/%s/events", "/audit/users/%s/state", "/audit/users/%s/verify")) {
            Response response = get(path.formatted("no-such-user"), token);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertIsProblem(response);
        }
    }

    @Test
    void theStateAtAnInstant_isTheAggregateReplayedUpToIt() {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");
        String sessionId = loginWithOtp(userId, phone).get("session_id").asString();
        assertThat(put("/update-account", "{\"first_name\": \"Renamed\"}", TestTokens.accessToken(userId, sessionId))
                .status()).isEqualTo(200);
        String token = auditorToken();
        List<JsonNode> events = list(get("/audit/users/" + userId + "/events", token).body().get("events"));
        JsonNode login = events.stream().filter(e -> e.get("type").asString().equals("UserLoggedIn")).findFirst()
                .orElseThrow();
        DomainEventMessage<?> renamed = events(userId).stream()
                .filter(e -> e.getPayload() instanceof ProfileUpdated).findFirst().orElseThrow();

        JsonNode before = get("/audit/users/" + userId + "/state?at=" + login.get("time").asString(), token).body();
        JsonNode now = get("/audit/users/" + userId + "/state", token).body();

        assertThat(before.get("sequence").asLong()).isEqualTo(login.get("sequence").asLong());
        assertThat(before.get("state").get("first_name").asString()).isEqualTo("Test");
        assertThat(before.get("state").get("active_sessions").has(sessionId)).isTrue();
        assertThat(before.get("state").get("password_hash").asString()).isEqualTo(Redaction.REDACTED);
        assertThat(now.get("sequence").asLong()).isEqualTo(renamed.getSequenceNumber());
        assertThat(now.get("state").get("first_name").asString()).isEqualTo("Renamed");
        Response beforeRegistration = get("/audit/users/" + userId + "/state?at="
                + Instant.parse(events.get(0).get("time").asString()).minusSeconds(1), token);
        assertThat(beforeRegistration.status()).isEqualTo(404);
        assertIsProblem(beforeRegistration);
    }

    @Test
    void anUntouchedStore_verifiesIntact_andCountsWhatItChecked() {
        String userId = registerUser(uniqueEmail(), uniquePhone(), "correct horse battery");
        String token = auditorToken();

        JsonNode one = get("/audit/users/" + userId + "/verify", token).body();
        JsonNode all = get("/audit/verify", token).body();

        assertThat(one.get("intact").asBoolean()).isTrue();
        assertThat(one.get("events_checked").asLong()).isEqualTo(2);
        assertThat(one.get("first_broken_link").isNull()).isTrue();
        assertThat(all.get("intact").asBoolean()).as(all.toString()).isTrue();
        assertThat(all.get("users_checked").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(all.get("events_checked").asLong()).isGreaterThanOrEqualTo(all.get("users_checked").asLong());
    }

    @Test
    void anEditedStoredEvent_isNamedByUserAndSequence() {
        String userId = registerUser(uniqueEmail(), uniquePhone(), "correct horse battery");
        byte[] original = payload(userId, 0);
        try {
            jdbc.sql("UPDATE domain_event_entry SET payload = ? WHERE aggregate_identifier = ? AND sequence_number = 0")
                    .params(new String(original, java.nio.charset.StandardCharsets.UTF_8).replace("\"Test\"", "\"Evil\"")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8), userId).update();

            assertBroken(userId, 0, ChainVerifier.PAYLOAD);
        } finally {
            jdbc.sql("UPDATE domain_event_entry SET payload = ? WHERE aggregate_identifier = ? AND sequence_number = 0")
                    .params(original, userId).update();
        }
        assertThat(get("/audit/users/" + userId + "/verify", auditorToken()).body().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aDeletedReorderedOrCutShortHistory_isNamed() {
        String phone = uniquePhone();
        String userId = registerUser(uniqueEmail(), phone, "correct horse battery");
        loginWithOtp(userId, phone);
        // 0 UserRegistered, 1 EmailVerificationRequested, 2 OtpRequested, 3 OtpVerified, 4 UserLoggedIn
        String moved = "reordered-" + userId;
        jdbc.sql("UPDATE domain_event_entry SET aggregate_identifier = ? WHERE aggregate_identifier = ? "
                + "AND sequence_number = 1").params(moved, userId).update();
        try {
            assertBroken(userId, 1, ChainVerifier.MISSING_EVENT);
        } finally {
            jdbc.sql("UPDATE domain_event_entry SET aggregate_identifier = ? WHERE aggregate_identifier = ?")
                    .params(userId, moved).update();
        }
        swapSequences(userId, 2, 3);
        try {
            assertBroken(userId, 2, ChainVerifier.EVENT_IDENTIFIER);
        } finally {
            swapSequences(userId, 2, 3);
        }
        String cut = "cut-" + userId;
        jdbc.sql("UPDATE domain_event_entry SET aggregate_identifier = ? WHERE aggregate_identifier = ? "
                + "AND sequence_number = 4").params(cut, userId).update();
        jdbc.sql("UPDATE event_chain SET aggregate_identifier = ? WHERE aggregate_identifier = ? "
                + "AND sequence_number = 4").params(cut, userId).update();
        try {
            assertBroken(userId, 4, ChainVerifier.CUT_SHORT);
        } finally {
            jdbc.sql("UPDATE domain_event_entry SET aggregate_identifier = ? WHERE aggregate_identifier = ?")
                    .params(userId, cut).update();
            jdbc.sql("UPDATE event_chain SET aggregate_identifier = ? WHERE aggregate_identifier = ?")
                    .params(userId, cut).update();
        }
        assertThat(get("/audit/users/" + userId + "/verify", auditorToken()).body().get("intact").asBoolean()).isTrue();
    }

    /** The loser of a race for a sequence number leaves no link behind: its links roll back with its events. */
    @Test
    void anAppendRefusedForATakenSequence_leavesNoLinkAndTheChainIntact() {
        String aggregate = "race-" + UUID.randomUUID();
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        transactions.executeWithoutResult(status -> storageEngine.appendEvents(event(aggregate, 0, "First")));
        try {
            transactions.executeWithoutResult(status -> storageEngine.appendEvents(
                    event(aggregate, 1, "Second"), event(aggregate, 0, "Duplicate")));
        } catch (RuntimeException expected) {
            // the unique (aggregate, sequence) key refuses the batch
        }

        assertThat(jdbc.sql("SELECT count(*) FROM event_chain WHERE aggregate_identifier = ?").param(aggregate)
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("SELECT sequence_number FROM event_chain_head WHERE aggregate_identifier = ?")
                .param(aggregate).query(Long.class).single()).isZero();
        JsonNode verification = get("/audit/users/" + aggregate + "/verify", auditorToken()).body();
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence, String name) {
        return new GenericDomainEventMessage<>("User", aggregate, sequence,
                new ProfileUpdated(aggregate, name, "Racer", Instant.now()));
    }

    private void assertBroken(String userId, long sequence, String what) {
        String token = auditorToken();
        JsonNode one = get("/audit/users/" + userId + "/verify", token).body();
        assertThat(one.get("intact").asBoolean()).isFalse();
        assertThat(one.get("first_broken_link").get("user_id").asString()).isEqualTo(userId);
        assertThat(one.get("first_broken_link").get("sequence").asLong()).isEqualTo(sequence);
        assertThat(one.get("first_broken_link").get("what").asString()).as(one.toString()).isEqualTo(what);
        assertThat(one.get("first_broken_link").get("detail").asString()).isNotBlank();
        JsonNode all = get("/audit/verify", token).body();
        assertThat(all.get("intact").asBoolean()).isFalse();
        assertThat(all.get("broken_users").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(all.get("first_broken_link").get("what").asString()).isNotBlank();
    }

    private void swapSequences(String userId, long a, long b) {
        jdbc.sql("UPDATE domain_event_entry SET sequence_number = -1 WHERE aggregate_identifier = ? AND sequence_number = ?")
                .params(userId, a).update();
        jdbc.sql("UPDATE domain_event_entry SET sequence_number = ? WHERE aggregate_identifier = ? AND sequence_number = ?")
                .params(a, userId, b).update();
        jdbc.sql("UPDATE domain_event_entry SET sequence_number = ? WHERE aggregate_identifier = ? AND sequence_number = -1")
                .params(b, userId).update();
    }

    private byte[] payload(String userId, long sequence) {
        return jdbc.sql("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?")
                .params(userId, sequence).query((rows, n) -> rows.getBytes(1)).single();
    }

    private HttpResponse<String> ndjson(String path, String token) {
        try {
            return HttpClient.newHttpClient().send(request(path).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/x-ndjson").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }
}
