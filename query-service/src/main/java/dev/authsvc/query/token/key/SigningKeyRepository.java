package dev.authsvc.query.token.key;

import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code signing_key} over JDBC. */
@Repository
class SigningKeyRepository {

    private final JdbcClient jdbc;

    SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds the key-table lock until the surrounding transaction ends. */
    void lock() {
        jdbc.sql("SELECT id FROM signing_key_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
    }

    /** Every key, newest first. */
    List<SigningKey> findAll() {
        return jdbc.sql("SELECT kid, private_key, public_jwk, created_at, retired_at FROM signing_key"
                        + " ORDER BY created_at DESC, kid")
                .query(SigningKeyRepository::row)
                .list();
    }

    void insert(SigningKey key) {
        jdbc.sql("INSERT INTO signing_key (kid, private_key, public_jwk, created_at, retired_at) VALUES (?, ?, ?, ?, ?)")
                .params(key.kid(), SigningKeyMaterial.encodePrivate(key.privateKey()), key.publicJwk(),
                        time(key.createdAt()), time(key.retiredAt()))
                .update();
    }

    void retireAllBut(String kid, Instant at) {
        jdbc.sql("UPDATE signing_key SET retired_at = ? WHERE retired_at IS NULL AND kid <> ?")
                .params(time(at), kid)
                .update();
    }

    void unretire(String kid, Instant at) {
        // A configured key that comes back signs from now on: it counts as created now for rotation's sake.
        jdbc.sql("UPDATE signing_key SET retired_at = NULL, created_at = ? WHERE kid = ?").params(time(at), kid).update();
    }

    int deleteRetiredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM signing_key WHERE retired_at IS NOT NULL AND retired_at < ?")
                .param(time(cutoff))
                .update();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static SigningKey row(ResultSet rs, int rowNum) throws SQLException {
        String publicJwk = rs.getString("public_jwk");
        OffsetDateTime retired = rs.getObject("retired_at", OffsetDateTime.class);
        try {
            return new SigningKey(rs.getString("kid"), SigningKeyMaterial.decodePrivate(rs.getString("private_key")),
                    SigningKeyMaterial.decodePublic(publicJwk), publicJwk,
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    retired == null ? null : retired.toInstant());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + rs.getString("kid") + " cannot be read", null);
        }
    }
}
