package dev.authsvc.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.testsupport.TestDatabase;
import dev.authsvc.query.support.TestEvents;
import java.net.http.HttpRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The refresh-token store on the test database: PostgreSQL when {@value TestDatabase#POSTGRES_URL_VARIABLE} is
 * set, H2 otherwise: round trips, the single-winner exchange, revocations, clean-up, and two requests refreshing
 * the same token at the same moment.
 */
class RefreshTokenStoreIT extends QueryServiceTestSupport {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Autowired
    RefreshTokenRepository repository;

    @Autowired
    Sessions sessions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void sessionsAndTokensReadBackAsWritten() {
        RefreshSession session = session(TestEvents.uniqueUserId(), NOW);
        RefreshToken token = new RefreshToken(RefreshTokenSecrets.hash(RefreshTokenSecrets.generate()),
                session.sessionId(), NOW, NOW.plus(Duration.ofDays(30)), null, null, null);

        repository.insertSession(session);
        repository.insertToken(token);

        assertThat(repository.findSession(session.sessionId())).contains(session);
        assertThat(repository.findToken(token.tokenHash())).contains(token);
    }

    /** Security rule (docs/security-rules.md): refresh tokens are stored hashed. No column of either table holds a token that was handed out. */
    @Test
    void handedOutRefreshTokens_areStoredOnlyAsTheirHashes() {
        LoggedIn login = login();
        String child = refresh(login.refreshToken()).text("refresh_token");
        String sessionId = login.verified().sessionId();

        List<String> rows = new ArrayList<>();
        for (String table : List.of("refresh_token", "refresh_session")) {
            rows.addAll(jdbc.sql("SELECT * FROM " + table + " WHERE session_id = ?").param(sessionId)
                    .query((row, n) -> allColumns(row)).list());
        }

        assertThat(rows).hasSize(3);
        assertThat(String.join("\n", rows))
                .contains(RefreshTokenSecrets.hash(login.refreshToken()), RefreshTokenSecrets.hash(child))
                .doesNotContain(login.refreshToken(), child);
    }

    @Test
    void aTokenIsMarkedUsedOnce() {
        RefreshSession session = session(TestEvents.uniqueUserId(), NOW);
        repository.insertSession(session);
        String hash = RefreshTokenSecrets.hash(RefreshTokenSecrets.generate());
        repository.insertToken(new RefreshToken(hash, session.sessionId(), NOW, NOW.plusSeconds(60), null, null, null));

        assertThat(repository.markUsed(hash, NOW, "child-1", "sealed-1")).isTrue();
        assertThat(repository.markUsed(hash, NOW, "child-2", "sealed-2")).isFalse();

        RefreshToken used = repository.findToken(hash).orElseThrow();
        assertThat(used.usedAt()).isEqualTo(NOW);
        assertThat(used.childHash()).isEqualTo("child-1");
        assertThat(used.sealedChild()).isEqualTo("sealed-1");
    }

    @Test
    void revocationsTouchOnlyTheUsersSessionsMeant() {
        String userId = TestEvents.uniqueUserId();
        RefreshSession early = session(userId, NOW.minusSeconds(60));
        RefreshSession listed = session(userId, NOW.minusSeconds(30));
        RefreshSession late = session(userId, NOW.plusSeconds(60));
        RefreshSession someoneElses = session(TestEvents.uniqueUserId(), NOW.minusSeconds(60));
        List.of(early, listed, late, someoneElses).forEach(repository::insertSession);

        assertThat(repository.revokeSessions(userId, List.of(listed.sessionId(), someoneElses.sessionId()), NOW,
                "password_changed")).isEqualTo(1);
        assertThat(repository.revokeSessionsAuthenticatedBy(userId, NOW, NOW, "password_reset")).isEqualTo(1);

        assertThat(repository.findSession(listed.sessionId()).orElseThrow().revokedReason()).isEqualTo("password_changed");
        assertThat(repository.findSession(early.sessionId()).orElseThrow().revokedReason()).isEqualTo("password_reset");
        assertThat(repository.findSession(late.sessionId()).orElseThrow().revoked()).isFalse();
        assertThat(repository.findSession(someoneElses.sessionId()).orElseThrow().revoked()).isFalse();
    }

    @Test
    void cleanUpForgetsSealedChildrenAfterTheGrace_andExpiredTokensAndTheirSessions() {
        LoggedIn login = login();
        String parentHash = RefreshTokenSecrets.hash(login.refreshToken());
        String child = refresh(login.refreshToken()).text("refresh_token");
        assertThat(repository.findToken(parentHash).orElseThrow().sealedChild()).isNotNull();

        clock.advance(Duration.ofSeconds(11));
        sessions.cleanUp();
        assertThat(repository.findToken(parentHash).orElseThrow().sealedChild()).isNull();

        clock.advance(Duration.ofDays(31));
        sessions.cleanUp();
        assertThat(repository.findToken(parentHash)).isEmpty();
        assertThat(repository.findToken(RefreshTokenSecrets.hash(child))).isEmpty();
        assertThat(repository.findSession(login.verified().sessionId())).isEmpty();
    }

    @Test
    void twoRequestsRefreshingTheSameTokenAtOnce_getTheSameChild_andTheFamilyLivesOn() throws Exception {
        for (int round = 0; round < 3; round++) {
            LoggedIn login = login();
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<Response>> answers = List.of(1, 2).stream()
                    .map(tab -> CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return send(request("/token/refresh").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"refresh_token\": \"%s\"}".formatted(login.refreshToken()))));
                    }))
                    .toList();
            Response first = answers.get(0).get();
            Response second = answers.get(1).get();

            assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
            assertThat(second.status()).as(second.raw().body()).isEqualTo(200);
            assertThat(first.text("refresh_token")).isEqualTo(second.text("refresh_token"));
            assertThat(refresh(first.text("refresh_token")).status()).isEqualTo(200);
        }
    }

    private static String allColumns(ResultSet row) throws SQLException {
        StringBuilder values = new StringBuilder();
        for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
            values.append(row.getString(column)).append(' ');
        }
        return values.toString();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RefreshSession session(String userId, Instant authTime) {
        return new RefreshSession(UUID.randomUUID().toString(), userId, authTime, "otp", "employee", "a@example.com",
                true, NOW, null, null, null, null);
    }
}
