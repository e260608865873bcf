package dev.authsvc.query.session;

import dev.authsvc.query.user.UserView;
import dev.authsvc.query.user.UserViewRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code refresh_session} and {@code refresh_token} over JDBC. */
@Repository
class RefreshTokenRepository {

    private final JdbcClient jdbc;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertSession(RefreshSession session) {
        jdbc.sql("INSERT INTO refresh_session (session_id, user_id, auth_time, amr, role, email, phone_verified,"
                        + " created_at, revoked_at, revoked_reason, client_address, user_agent)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(session.sessionId(), session.userId(), time(session.authTime()), session.amr(), session.role(),
                        session.email(), session.phoneVerified(), time(session.createdAt()), time(session.revokedAt()),
                        session.revokedReason(), session.clientAddress(), session.userAgent())
                .update();
    }

    Optional<RefreshSession> findSession(String sessionId) {
        return jdbc.sql("SELECT * FROM refresh_session WHERE session_id = ?")
                .param(sessionId)
                .query(RefreshTokenRepository::session)
                .optional();
    }

    /** A session, and its user's row in user_view when the view has it. */
    record SessionAndUser(RefreshSession session, Optional<UserView> user) {
    }

    /** The session and its user's row, in one query (every request with an access token asks this). */
    Optional<SessionAndUser> findSessionWithUser(String sessionId) {
        return jdbc.sql("SELECT s.*, " + UserViewRepository.joinedColumns("u", "u_")
                        + " FROM refresh_session s LEFT JOIN user_view u ON u.user_id = s.user_id"
                        + " WHERE s.session_id = ?")
                .param(sessionId)
                .query((rs, rowNum) -> new SessionAndUser(session(rs, rowNum), UserViewRepository.joinedRow(rs, "u_")))
                .optional();
    }

    /**
     * A session not revoked, when its newest token was issued (its last refresh, or its login) and when the last
     * of its tokens expires.
     */
    record OpenSession(RefreshSession session, Instant lastIssuedAt, Instant lastExpiresAt) {
    }

    /** The user's sessions that are not revoked and have had a token, oldest login first. */
    List<OpenSession> findOpenSessions(String userId) {
        return jdbc.sql("SELECT * FROM refresh_session WHERE user_id = ? AND revoked_at IS NULL"
                        + " AND last_issued_at IS NOT NULL ORDER BY auth_time, session_id")
                .param(userId)
                .query((rs, rowNum) -> new OpenSession(session(rs, rowNum), instant(rs, "last_issued_at"),
                        instant(rs, "last_expires_at")))
                .list();
    }

    /** Inserts the session's newest token, and notes on the session when it was issued and when it expires. */
    void insertToken(RefreshToken token) {
        jdbc.sql("INSERT INTO refresh_token (token_hash, session_id, issued_at, expires_at, used_at, child_hash,"
                        + " sealed_child) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(token.tokenKey(), token.sessionId(), time(token.issuedAt()), time(token.expiresAt()),
                        time(token.usedAt()), token.childKey(), token.sealedChild())
                .update();
        jdbc.sql("UPDATE refresh_session SET last_issued_at = ?, last_expires_at = ? WHERE session_id = ?")
                .params(time(token.issuedAt()), time(token.expiresAt()), token.sessionId())
                .update();
    }

    Optional<RefreshToken> findToken(String tokenKey) {
        return jdbc.sql("SELECT * FROM refresh_token WHERE token_hash = ?")
                .param(tokenKey)
                .query(RefreshTokenRepository::token)
                .optional();
    }

    /**
     * Marks an unused token used and names its child, in one statement: of two requests presenting the same
     * token at once, exactly one gets true (the other waits for the row lock, then finds it used). The token's own
     * sealed copy goes with it: a used child is never handed out again.
     */
    boolean markUsed(String tokenKey, Instant at, String childKey) {
        return jdbc.sql("UPDATE refresh_token SET used_at = ?, child_hash = ?, sealed_child = NULL"
                        + " WHERE token_hash = ? AND used_at IS NULL")
                .params(time(at), childKey, tokenKey)
                .update() == 1;
    }

    boolean revokeSession(String sessionId, Instant at, String reason) {
        return jdbc.sql("UPDATE refresh_session SET revoked_at = ?, revoked_reason = ?"
                        + " WHERE session_id = ? AND revoked_at IS NULL")
                .params(time(at), reason, sessionId)
                .update() == 1;
    }

    int revokeSessions(String userId, Collection<String> sessionIds, Instant at, String reason) {
        if (sessionIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("UPDATE refresh_session SET revoked_at = :at, revoked_reason = :reason"
                        + " WHERE user_id = :user AND session_id IN (:ids) AND revoked_at IS NULL")
                .param("at", time(at))
                .param("reason", reason)
                .param("user", userId)
                .param("ids", sessionIds)
                .update();
    }

    /** Revokes every session of the user that logged in at or before {@code authenticatedBy}. */
    int revokeSessionsAuthenticatedBy(String userId, Instant authenticatedBy, Instant at, String reason) {
        return jdbc.sql("UPDATE refresh_session SET revoked_at = ?, revoked_reason = ?"
                        + " WHERE user_id = ? AND auth_time <= ? AND revoked_at IS NULL")
                .params(time(at), reason, userId, time(authenticatedBy))
                .update();
    }

    /**
     * Forgets the sealed copies of the tokens issued before {@code issuedBefore}: they are never handed out again.
     * {@code fromKey} (inclusive) and {@code toKey} (exclusive) bound the keys to look at ({@link
     * RefreshTokenSecrets#keyBound}, since keys sort in issue order); with {@code fromKey} null every token is looked
     * at, tokens of the older form too.
     */
    int forgetSealedChildren(String fromKey, String toKey, Instant issuedBefore) {
        if (fromKey == null) {
            return jdbc.sql("UPDATE refresh_token SET sealed_child = NULL WHERE sealed_child IS NOT NULL"
                            + " AND issued_at < ?")
                    .param(time(issuedBefore))
                    .update();
        }
        return jdbc.sql("UPDATE refresh_token SET sealed_child = NULL WHERE token_hash >= ? AND token_hash < ?"
                        + " AND sealed_child IS NOT NULL AND issued_at < ?")
                .params(fromKey, toKey, time(issuedBefore))
                .update();
    }

    int deleteTokensExpiredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM refresh_token WHERE expires_at < ?").param(time(cutoff)).update();
    }

    /**
     * Deletes sessions that began before {@code createdBefore} and whose tokens all expired before
     * {@code expiredBefore} (or that never had one).
     */
    int deleteExpiredSessions(Instant expiredBefore, Instant createdBefore) {
        return jdbc.sql("DELETE FROM refresh_session WHERE created_at < :created"
                        + " AND (last_expires_at IS NULL OR last_expires_at < :expired)")
                .param("created", time(createdBefore))
                .param("expired", time(expiredBefore))
                .update();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static RefreshSession session(ResultSet rs, int rowNum) throws SQLException {
        return new RefreshSession(rs.getString("session_id"), rs.getString("user_id"), instant(rs, "auth_time"),
                rs.getString("amr"), rs.getString("role"), rs.getString("email"), rs.getBoolean("phone_verified"),
                instant(rs, "created_at"), instant(rs, "revoked_at"), rs.getString("revoked_reason"),
                rs.getString("client_address"), rs.getString("user_agent"));
    }

    private static RefreshToken token(ResultSet rs, int rowNum) throws SQLException {
        return new RefreshToken(rs.getString("token_hash"), rs.getString("session_id"), instant(rs, "issued_at"),
                instant(rs, "expires_at"), instant(rs, "used_at"), rs.getString("child_hash"),
                rs.getString("sealed_child"));
    }
}
