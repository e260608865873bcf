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
import java.time.ZoneOffset;
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
        RefreshToken token = new RefreshToken(RefreshTokenSecrets.key(RefreshTokenSecrets.generate(Instant.now())),
                session.sessionId(), NOW, NOW.plus(Duration.ofDays(30)), null, null, null);

        repository.insertSession(session);
        repository.insertToken(token);

        assertThat(repository.findSession(session.sessionId())).contains(session);
        assertThat(repository.findToken(token.tokenKey())).contains(token);
    }

    /**
     * Security rule (docs/security-rules.md): refresh tokens are stored hashed. No column of the two tables holds
     * the random part of a token that was handed out (only the issue time in front of it, hashes, and the child
     * sealed under a key derived from its parent, which is not stored).
     */
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
        assertThat(repository.findToken(RefreshTokenSecrets.key(child)).orElseThrow().sealedChild()).isNotNull();
        assertThat(String.join("\n", rows))
                .contains(RefreshTokenSecrets.key(login.refreshToken()), RefreshTokenSecrets.key(child))
                .doesNotContain(login.refreshToken().substring(8), child.substring(8));
    }

    @Test
    void aTokenIsMarkedUsedOnce() {
        RefreshSession session = session(TestEvents.uniqueUserId(), NOW);
        repository.insertSession(session);
        String key = RefreshTokenSecrets.key(RefreshTokenSecrets.generate(NOW));
        repository.insertToken(new RefreshToken(key, session.sessionId(), NOW, NOW.plusSeconds(60), null, null, null));

        assertThat(repository.markUsed(key, NOW, "child-1")).isTrue();
        assertThat(repository.markUsed(key, NOW, "child-2")).isFalse();

        RefreshToken used = repository.findToken(key).orElseThrow();
        assertThat(used.usedAt()).isEqualTo(NOW);
        assertThat(used.childKey()).isEqualTo("child-1");
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
        String parentKey = RefreshTokenSecrets.key(login.refreshToken());
        String child = refresh(login.refreshToken()).text("refresh_token");
        String childKey = RefreshTokenSecrets.key(child);
        assertThat(sealedChild(childKey)).isNotNull();

        clock.advance(Duration.ofSeconds(11));
        sessions.cleanUp();
        assertThat(sealedChild(childKey)).isNull();
        assertThat(repository.findToken(childKey)).isPresent();

        clock.advance(Duration.ofDays(31));
        sessions.cleanUp();
        assertThat(repository.findToken(parentKey)).isEmpty();
        assertThat(repository.findToken(childKey)).isEmpty();
        assertThat(repository.findSession(login.verified().sessionId())).isEmpty();
    }

    @Test
    void cleanUp_forgetsOnlyTheSealedChildrenWhoseGraceIsOver() {
        String older = RefreshTokenSecrets.key(refresh(login().refreshToken()).text("refresh_token"));
        clock.advance(Duration.ofSeconds(5));
        String recent = RefreshTokenSecrets.key(refresh(login().refreshToken()).text("refresh_token"));
        clock.advance(Duration.ofSeconds(6));

        sessions.cleanUp();

        assertThat(sealedChild(older)).isNull();
        assertThat(sealedChild(recent)).as("5 s of its 10 s grace left").isNotNull();
    }

    /**
     * A sweep after the first one looks at a key range that starts from the sweep before, and still reaches the
     * children issued since then.
     */
    @Test
    void laterCleanUps_forgetTheSealedChildrenIssuedSinceTheLastOne() {
        sessions.cleanUp();
        clock.advance(Duration.ofSeconds(30));
        String child = RefreshTokenSecrets.key(refresh(login().refreshToken()).text("refresh_token"));
        clock.advance(Duration.ofSeconds(5));
        sessions.cleanUp();
        assertThat(sealedChild(child)).as("5 s of its 10 s grace left").isNotNull();

        clock.advance(Duration.ofSeconds(6));
        sessions.cleanUp();

        assertThat(sealedChild(child)).isNull();
    }

    @Test
    void aChildExchangedInTurn_losesItsSealedCopyAtOnce() {
        String child = refresh(login().refreshToken()).text("refresh_token");

        refresh(child);

        assertThat(sealedChild(RefreshTokenSecrets.key(child))).isNull();
    }

    private String sealedChild(String tokenKey) {
        return repository.findToken(tokenKey).orElseThrow().sealedChild();
    }

    /** A token of the format before the issue time was added to it: found by its hash alone, and it rotates. */
    @Test
    void aTokenOfTheFormerFormat_isStillFoundAndExchanged() {
        LoggedIn login = login();
        String former = RefreshTokenSecrets.generate(NOW).substring(8);
        jdbc.sql("INSERT INTO refresh_token (token_hash, session_id, issued_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(RefreshTokenSecrets.hash(former), login.verified().sessionId(), clock.instant().atOffset(ZoneOffset.UTC),
                        clock.instant().plus(Duration.ofDays(30)).atOffset(ZoneOffset.UTC))
                .update();

        Response answer = refresh(former);

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        String child = answer.text("refresh_token");
        assertThat(child).hasSize(51);
        assertThat(repository.findToken(RefreshTokenSecrets.hash(former)).orElseThrow().used()).isTrue();
        assertThat(refresh(former).text("refresh_token")).as("the same child within the grace").isEqualTo(child);
        assertThat(refresh(child).status()).isEqualTo(200);
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
