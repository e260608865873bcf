package dev.authsvc.query.token.key;

import dev.authsvc.events.data.SealedValue;
import dev.authsvc.events.seal.SealedValueCipher;
import dev.authsvc.events.seal.SealedValueException;
import dev.authsvc.query.config.QueryProperties;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seals private signing keys before they enter {@code signing_key}, so a copy of the database or a backup alone
 * cannot sign tokens: AES-256-GCM under the key-encryption key {@code auth.tokens.key-encryption-key-id}, in the
 * events module's {@link SealedValueCipher} format (the one OTPs are sealed in), the key id stored beside the value.
 * Keys sealed under any id in {@code auth.tokens.key-encryption-keys} open, so the key-encryption key can rotate.
 * Without a key-encryption key, keys are stored as before (base64 of PKCS#8) and the start warns: deployments made
 * before sealing existed keep starting.
 */
@Component
class SigningKeySealer {

    private static final Logger log = LoggerFactory.getLogger(SigningKeySealer.class);

    /** {@code null} when no key-encryption key is configured. */
    private final SealedValueCipher cipher;
    private final Set<String> keyIds;

    SigningKeySealer(QueryProperties properties) {
        QueryProperties.Tokens tokens = properties.tokens();
        this.keyIds = tokens.keyEncryptionKeys().keySet();
        if (tokens.sealsSigningKeys()) {
            this.cipher = SealedValueCipher.sealing(tokens.keyEncryptionKeyId(), tokens.keyEncryptionKeyBytes(),
                    new SecureRandom());
        } else {
            this.cipher = null;
            log.warn("NO KEY-ENCRYPTION KEY: private signing keys are stored unencrypted in signing_key, so whoever "
                    + "reads the database or a backup of it can sign access tokens for any user. Set {} and {} "
                    + "(docs/configuration.md, \"query-service\").", QueryProperties.Tokens.KEY_ENCRYPTION_KEY_ID,
                    QueryProperties.Tokens.KEY_ENCRYPTION_KEYS);
        }
    }

    /**
     * A private key as a {@code signing_key} row holds it: {@code value} is sealed under {@code keyEncryptionKeyId},
     * or base64 of PKCS#8 when that is {@code null} (no key-encryption key, or a row from before sealing).
     */
    record StoredPrivateKey(String value, String keyEncryptionKeyId) {

        @Override
        public String toString() {
            return "StoredPrivateKey[value=****, keyEncryptionKeyId=" + keyEncryptionKeyId + "]";
        }
    }

    StoredPrivateKey seal(ECPrivateKey key) {
        String pkcs8 = SigningKeyMaterial.encodePrivate(key);
        if (cipher == null) {
            return new StoredPrivateKey(pkcs8, null);
        }
        SealedValue sealed = cipher.seal(pkcs8);
        return new StoredPrivateKey(sealed.ciphertext(), sealed.keyId());
    }

    /**
     * Opens the private key of {@code kid}, and checks that it is the one the kid names: the seal binds only the
     * key-encryption key id, so a sealed value copied into another row would otherwise open there.
     */
    ECPrivateKey open(String kid, StoredPrivateKey stored) {
        String pkcs8 = stored.keyEncryptionKeyId() == null ? stored.value() : unseal(kid, stored);
        ECPrivateKey key;
        try {
            key = SigningKeyMaterial.decodePrivate(pkcs8);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new SigningKeyUnreadableException("signing key " + kid + " cannot be read");
        }
        if (!SigningKeyMaterial.kidOf(key).equals(kid)) {
            throw new SigningKeyUnreadableException("the private key stored for signing key " + kid
                    + " is not the one that kid names: the row was altered");
        }
        return key;
    }

    /** Whether a stored key should be sealed again: it is not sealed under the current key-encryption key. */
    boolean stale(StoredPrivateKey stored) {
        return cipher != null && !cipher.currentKeyId().equals(stored.keyEncryptionKeyId());
    }

    private String unseal(String kid, StoredPrivateKey stored) {
        String keyId = stored.keyEncryptionKeyId();
        if (!keyIds.contains(keyId)) {
            throw new SigningKeyUnreadableException("signing key " + kid + " is sealed under key-encryption key '"
                    + keyId + "', which is not configured: list it as auth.tokens.key-encryption-keys." + keyId
                    + " (env AUTH_TOKENS_KEYENCRYPTIONKEYS_" + keyId.toUpperCase(Locale.ROOT) + ")");
        }
        try {
            return cipher.open(new SealedValue(keyId, stored.value()));
        } catch (SealedValueException e) {
            // SealedValueException messages name the key id only.
            throw new SigningKeyUnreadableException("signing key " + kid + " cannot be opened: " + e.getMessage());
        }
    }
}
