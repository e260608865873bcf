package dev.authsvc.command.user.infrastructure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The table {@code login_credential}: each user's current password hash and lock, what a password login reads before
 * it takes the user's lock. {@link LoginCredentialUpdater} writes it from the events in the transaction that appends
 * them; {@link LoginCredentialBackfill} fills it once for the users stored before it existed. A write carries the
 * sequence number of the user's event it comes from and never replaces a newer one.
 */
@Repository
public class LoginCredentials {

    /** A user's password hash and the lock in force when it was written (none: {@code lockedUntil} null). */
    public record LoginCredential(String passwordHash, Instant lockedUntil, boolean lockedUntilReset) {

        @Override
        public String toString() {
            return "LoginCredential[lockedUntil=" + lockedUntil + ", lockedUntilReset=" + lockedUntilReset + "]";
        }
    }

    private final JdbcClient jdbc;

    public LoginCredentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LoginCredential> find(String userId) {
        return jdbc.sql("SELECT password_hash, locked_until, locked_until_reset FROM login_credential WHERE user_id = ?")
                .param(userId)
                .query(LoginCredentials::credential)
                .optional();
    }

    /** A new user's row, from its first event. */
    void insert(String userId, LoginCredential credential, long sequence) {
        jdbc.sql("INSERT INTO login_credential (user_id, password_hash, locked_until, locked_until_reset, "
                        + "last_sequence) VALUES (?, ?, ?, ?, ?)")
                .params(userId, credential.passwordHash(), time(credential.lockedUntil()),
                        credential.lockedUntilReset(), sequence)
                .update();
    }

    /** A new password hash; {@code liftLock} when the event also ends any lock (a completed reset). */
    void setPasswordHash(String userId, String passwordHash, boolean liftLock, long sequence) {
        jdbc.sql("UPDATE login_credential SET password_hash = ?, last_sequence = ?"
                        + (liftLock ? ", locked_until = NULL, locked_until_reset = FALSE" : "")
                        + " WHERE user_id = ? AND last_sequence < ?")
                .params(passwordHash, sequence, userId, sequence)
                .update();
    }

    void setLock(String userId, Instant lockedUntil, boolean lockedUntilReset, long sequence) {
        jdbc.sql("UPDATE login_credential SET locked_until = ?, locked_until_reset = ?, last_sequence = ? "
                        + "WHERE user_id = ? AND last_sequence < ?")
                .params(time(lockedUntil), lockedUntilReset, sequence, userId, sequence)
                .update();
    }

    /**
     * The whole row as the backfill rebuilt it from the events up to {@code sequence}: inserted when absent, else
     * written only over an older one.
     */
    void put(String userId, LoginCredential credential, long sequence) {
        int updated = jdbc.sql("UPDATE login_credential SET password_hash = ?, locked_until = ?, locked_until_reset = ?, "
                        + "last_sequence = ? WHERE user_id = ? AND last_sequence < ?")
                .params(credential.passwordHash(), time(credential.lockedUntil()), credential.lockedUntilReset(),
                        sequence, userId, sequence)
                .update();
        if (updated == 0 && !exists(userId)) {
            insert(userId, credential, sequence);
        }
    }

    /** Locks the guard row until the current transaction ends; answers whether the backfill was done already. */
    boolean lockGuard() {
        return jdbc.sql("SELECT backfilled FROM login_credential_guard WHERE id = 1 FOR UPDATE")
                .query(Boolean.class)
                .single();
    }

    void markBackfilled() {
        jdbc.sql("UPDATE login_credential_guard SET backfilled = TRUE WHERE id = 1").update();
    }

    private boolean exists(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM login_credential WHERE user_id = ?").param(userId)
                .query(Integer.class).single() > 0;
    }

    private static LoginCredential credential(ResultSet rs, int rowNumber) throws SQLException {
        OffsetDateTime until = rs.getObject("locked_until", OffsetDateTime.class);
        return new LoginCredential(rs.getString("password_hash"), until == null ? null : until.toInstant(),
                rs.getBoolean("locked_until_reset"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
