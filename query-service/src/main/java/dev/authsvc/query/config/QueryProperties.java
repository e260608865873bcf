package dev.authsvc.query.config;

import dev.authsvc.events.seal.SealedValueCipher;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code auth.*} settings of query-service; each is also settable by environment variable (docs/configuration.md).
 *
 * @param events the topic the read models are built from
 * @param commandService where {@code /login} has credentials verified
 * @param internal the credential presented to command-service's {@code /internal/**}
 * @param jwt the issuer and audience written into (and required of) access tokens
 * @param tokens lifetimes of tokens and signing keys, and the keys that seal signing keys at rest
 * @param session how long a login session may last, in all and without a refresh
 * @param maxBodySize requests with a larger body are answered 413
 */
@ConfigurationProperties("auth")
public record QueryProperties(
        @DefaultValue Events events,
        @DefaultValue CommandService commandService,
        @DefaultValue Internal internal,
        @DefaultValue Jwt jwt,
        @DefaultValue Tokens tokens,
        @DefaultValue Session session,
        @DefaultValue("65536") long maxBodySize) {

    public record Events(@DefaultValue("auth.user-events.v1") String topic) {
    }

    public record CommandService(
            @DefaultValue("http://127.0.0.1:8081") URI url,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout) {
    }

    public record Internal(String credential) {
    }

    /**
     * @param maxLifetime a session's refresh tokens are refused this long after its login, however often it was
     *     refreshed
     * @param idleTimeout a refresh token is refused this long after it was issued (at login or the last refresh)
     */
    public record Session(
            @DefaultValue("30d") Duration maxLifetime,
            @DefaultValue("14d") Duration idleTimeout) {

        public Session {
            if (maxLifetime.isNegative() || maxLifetime.isZero()) {
                throw new IllegalArgumentException(
                        "auth.session.max-lifetime (AUTH_SESSION_MAX_LIFETIME) must be positive, not " + maxLifetime);
            }
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException(
                        "auth.session.idle-timeout (AUTH_SESSION_IDLE_TIMEOUT) must be positive, not " + idleTimeout);
            }
        }
    }

    public record Jwt(
            @DefaultValue("http://127.0.0.1:5000") String issuer,
            @DefaultValue("authsvc") String audience) {
    }

    /**
     * @param accessTokenLifetime how long an access token is valid, and how long a retired signing key stays
     *     in the JWK Set
     * @param refreshTokenLifetime how long a refresh token is valid from its issue
     * @param refreshReuseGrace how long a just-used refresh token may be presented again and get the same child
     * @param keyRotationInterval the age after which a generated signing key is replaced
     * @param keyCheckInterval how often rotation and the shared key table are checked
     * @param signingKey an optional PKCS#8 EC P-256 private key to sign with instead of generated ones
     * @param keyEncryptionKeyId the id of the key-encryption key private signing keys are sealed under
     * @param keyEncryptionKeys key id to base64 of a 32-byte AES key; older ids stay listed so keys sealed under
     *     them still open (and are resealed under the current one)
     * @param verifiedCacheSize how many verified access tokens are remembered, so a token presented again is not
     *     verified again until it expires (0: none); sessions are still checked on every request
     */
    public record Tokens(
            @DefaultValue("15m") Duration accessTokenLifetime,
            @DefaultValue("30d") Duration refreshTokenLifetime,
            @DefaultValue("10s") Duration refreshReuseGrace,
            @DefaultValue("30d") Duration keyRotationInterval,
            @DefaultValue("10m") Duration keyCheckInterval,
            String signingKey,
            String keyEncryptionKeyId,
            Map<String, String> keyEncryptionKeys,
            @DefaultValue("10000") long verifiedCacheSize) {

        public static final String KEY_ENCRYPTION_KEY_ID =
                "auth.tokens.key-encryption-key-id (env AUTH_TOKENS_KEYENCRYPTIONKEYID)";
        public static final String KEY_ENCRYPTION_KEYS =
                "auth.tokens.key-encryption-keys.<id> (env AUTH_TOKENS_KEYENCRYPTIONKEYS_<ID>)";
        /** The width of signing_key.key_encryption_key_id. */
        private static final int MAX_KEY_ID_LENGTH = 64;
        private static final String HOW_TO_MAKE_ONE = "generate one with `openssl rand -base64 32`";

        /**
         * Fails the startup with every key-encryption problem at once, named by property and environment
         * variable; the messages never contain a key. Both unset is allowed: keys are then stored unencrypted,
         * with a warning at start.
         */
        public Tokens {
            // Values pasted into env files often carry a trailing newline.
            keyEncryptionKeyId = keyEncryptionKeyId == null || keyEncryptionKeyId.isBlank() ? null
                    : keyEncryptionKeyId.strip();
            Map<String, String> keys = new TreeMap<>();
            if (keyEncryptionKeys != null) {
                keyEncryptionKeys.forEach((id, key) -> keys.put(id, key == null ? "" : key.strip()));
            }
            keyEncryptionKeys = Map.copyOf(keys);

            List<String> problems = new ArrayList<>();
            keys.forEach((id, key) -> {
                byte[] decoded = decodeOrNull(key);
                if (decoded == null || decoded.length != SealedValueCipher.KEY_BYTES) {
                    problems.add("auth.tokens.key-encryption-keys." + id + " must be the base64 of a "
                            + SealedValueCipher.KEY_BYTES + "-byte AES key; " + HOW_TO_MAKE_ONE);
                }
            });
            if (keyEncryptionKeyId == null && !keys.isEmpty()) {
                problems.add(KEY_ENCRYPTION_KEY_ID + " is not set; name the key in " + KEY_ENCRYPTION_KEYS
                        + " to seal private signing keys with");
            } else if (keyEncryptionKeyId != null && !keys.containsKey(keyEncryptionKeyId)) {
                problems.add(KEY_ENCRYPTION_KEY_ID + " names key '" + keyEncryptionKeyId + "', which is not among "
                        + KEY_ENCRYPTION_KEYS + " (known ids: " + String.join(", ", keys.keySet()) + ")");
            }
            if (keyEncryptionKeyId != null && keyEncryptionKeyId.length() > MAX_KEY_ID_LENGTH) {
                problems.add(KEY_ENCRYPTION_KEY_ID + " is longer than " + MAX_KEY_ID_LENGTH + " characters");
            }
            if (verifiedCacheSize < 0) {
                throw new IllegalArgumentException("auth.tokens.verified-cache-size (AUTH_TOKENS_VERIFIED_CACHE_SIZE)"
                        + " must be 0 (off) or more, not " + verifiedCacheSize);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid key-encryption configuration: "
                        + String.join("; ", problems));
            }
        }

        /** Whether private signing keys are sealed at rest. */
        public boolean sealsSigningKeys() {
            return keyEncryptionKeyId != null;
        }

        /** The decoded key-encryption keys by id; fresh copies each call. */
        public Map<String, byte[]> keyEncryptionKeyBytes() {
            Map<String, byte[]> decoded = new HashMap<>();
            keyEncryptionKeys.forEach((id, key) -> decoded.put(id, Base64.getDecoder().decode(key)));
            return decoded;
        }

        /** Keeps the signing key and the key-encryption keys out of logs and actuator dumps. */
        @Override
        public String toString() {
            return "Tokens[accessTokenLifetime=" + accessTokenLifetime + ", refreshTokenLifetime="
                    + refreshTokenLifetime + ", refreshReuseGrace=" + refreshReuseGrace + ", keyRotationInterval="
                    + keyRotationInterval + ", keyCheckInterval=" + keyCheckInterval + ", signingKey="
                    + (signingKey == null || signingKey.isBlank() ? "unset" : "****") + ", keyEncryptionKeyId="
                    + keyEncryptionKeyId + ", keyEncryptionKeys=" + new TreeMap<>(keyEncryptionKeys).keySet()
                    + ", verifiedCacheSize=" + verifiedCacheSize + "]";
        }

        private static byte[] decodeOrNull(String base64) {
            try {
                return base64.isEmpty() ? null : Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
    }
}
