package dev.authsvc.query.token.key;

import dev.authsvc.query.token.key.SigningKeySealer.StoredPrivateKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code signing_key} over JDBC; private keys go in and out through the {@link SigningKeySealer}. */
@Repository
class SigningKeyRepository {

    private final JdbcClient jdbc;
    private final SigningKeySealer sealer;

    private record StoredRow(String kid, StoredPrivateKey privateKey) {
    }

    SigningKeyRepository(JdbcClient jdbc, SigningKeySealer sealer) {
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    /** Holds the key-table lock until the surrounding transaction ends. */
    void lock() {
        jdbc.sql("SELECT id FROM signing_key_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
    }

    /** Every key, newest first. */
    List<SigningKey> findAll() {
        return jdbc.sql("SELECT kid, private_key, key_encryption_key_id, public_jwk, created_at, retired_at"
                        + " FROM signing_key ORDER BY created_at DESC, kid")
                .query(this::row)
                .list();
    }

    void insert(SigningKey key) {
        StoredPrivateKey privateKey = sealer.seal(key.privateKey());
        jdbc.sql("INSERT INTO signing_key (kid, private_key, key_encryption_key_id, public_jwk, created_at, retired_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(key.kid(), privateKey.value(), privateKey.keyEncryptionKeyId(), key.publicJwk(),
                        time(key.createdAt()), time(key.retiredAt()))
                .update();
    }

    /**
     * Seals again every private key not sealed under the current key-encryption key: rows written before sealing
     * (plaintext), and rows sealed under an older key-encryption key. Call it holding {@link #lock()}.
     *
     * @return how many rows were rewritten
     */
    int resealStale() {
        List<StoredRow> stale = jdbc.sql("SELECT kid, private_key, key_encryption_key_id FROM signing_key")
                .query((rs, rowNum) -> new StoredRow(rs.getString("kid"), storedPrivateKey(rs)))
                .list()
                .stream()
                .filter(row -> sealer.stale(row.privateKey()))
                .toList();
        for (StoredRow row : stale) {
            StoredPrivateKey resealed = sealer.seal(sealer.open(row.kid(), row.privateKey()));
            jdbc.sql("UPDATE signing_key SET private_key = ?, key_encryption_key_id = ? WHERE kid = ?")
                    .params(resealed.value(), resealed.keyEncryptionKeyId(), row.kid())
                    .update();
        }
        return stale.size();
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

    private static StoredPrivateKey storedPrivateKey(ResultSet rs) throws SQLException {
        return new StoredPrivateKey(rs.getString("private_key"), rs.getString("key_encryption_key_id"));
    }

    private SigningKey row(ResultSet rs, int rowNum) throws SQLException {
        String kid = rs.getString("kid");
        String publicJwk = rs.getString("public_jwk");
        OffsetDateTime retired = rs.getObject("retired_at", OffsetDateTime.class);
        return new SigningKey(kid, sealer.open(kid, storedPrivateKey(rs)),
                SigningKeyMaterial.decodePublic(publicJwk), publicJwk,
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                retired == null ? null : retired.toInstant());
    }
}
