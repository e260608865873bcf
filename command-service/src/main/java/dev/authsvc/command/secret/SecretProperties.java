package dev.authsvc.command.secret;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keys behind every OTP and token the command side issues.
 *
 * @param pepper    base64 of at least 32 random bytes: the HMAC key for secret hashes
 * @param sealKeyId the id of the key new values are sealed under
 * @param sealKeys  key id to base64 of a 32-byte AES key; retired ids stay so older sealed values still open
 */
@ConfigurationProperties("auth.secrets")
public record SecretProperties(String pepper, String sealKeyId, Map<String, String> sealKeys) {

    public static final int MIN_PEPPER_BYTES = 32;
    public static final int SEAL_KEY_BYTES = 32;

    private static final String PEPPER = "auth.secrets.pepper (env AUTH_SECRETS_PEPPER)";
    private static final String SEAL_KEY_ID = "auth.secrets.seal-key-id (env AUTH_SECRETS_SEALKEYID)";
    private static final String SEAL_KEYS = "auth.secrets.seal-keys.<id> (env AUTH_SECRETS_SEALKEYS_<ID>)";
    private static final String HOW_TO_MAKE_ONE = "generate one with `openssl rand -base64 32`";

    /**
     * Fails the startup with every problem at once, named by property and environment variable. The messages
     * never contain a configured value, only its length.
     */
    public SecretProperties {
        // Values pasted into env files often carry a trailing newline.
        pepper = pepper == null ? null : pepper.strip();
        sealKeyId = sealKeyId == null ? null : sealKeyId.strip();
        Map<String, String> keys = new TreeMap<>();
        if (sealKeys != null) {
            sealKeys.forEach((id, key) -> keys.put(id, key == null ? "" : key.strip()));
        }
        sealKeys = Map.copyOf(keys);
        List<String> problems = new ArrayList<>();

        if (isBlank(pepper)) {
            problems.add(PEPPER + " is not set; " + HOW_TO_MAKE_ONE);
        } else {
            byte[] decoded = decodeOrNull(pepper);
            if (decoded == null) {
                problems.add(PEPPER + " is not valid base64; " + HOW_TO_MAKE_ONE);
            } else if (decoded.length < MIN_PEPPER_BYTES) {
                problems.add(PEPPER + " decodes to " + decoded.length + " bytes, at least " + MIN_PEPPER_BYTES
                        + " are needed; " + HOW_TO_MAKE_ONE);
            }
        }

        if (sealKeys.isEmpty()) {
            problems.add(SEAL_KEYS + " has no key; give at least one key id the base64 of a " + SEAL_KEY_BYTES
                    + "-byte AES key, " + HOW_TO_MAKE_ONE);
        }
        for (Map.Entry<String, String> key : keys.entrySet()) {
            String name = "auth.secrets.seal-keys." + key.getKey();
            byte[] decoded = isBlank(key.getValue()) ? null : decodeOrNull(key.getValue());
            if (decoded == null) {
                problems.add(name + " is empty or not valid base64; " + HOW_TO_MAKE_ONE);
            } else if (decoded.length != SEAL_KEY_BYTES) {
                problems.add(name + " decodes to " + decoded.length + " bytes, an AES-256 key needs exactly "
                        + SEAL_KEY_BYTES + "; " + HOW_TO_MAKE_ONE);
            }
        }

        if (isBlank(sealKeyId)) {
            problems.add(SEAL_KEY_ID + " is not set; name the key in " + SEAL_KEYS + " to seal new values with");
        } else if (!sealKeys.isEmpty() && !sealKeys.containsKey(sealKeyId)) {
            problems.add(SEAL_KEY_ID + " names key '" + sealKeyId + "', which is not among " + SEAL_KEYS
                    + " (known ids: " + String.join(", ", keys.keySet()) + ")");
        }

        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid secret configuration: " + String.join("; ", problems));
        }
    }

    /** The decoded pepper; a fresh copy each call. */
    public byte[] pepperBytes() {
        return Base64.getDecoder().decode(pepper);
    }

    /** The decoded AES key named {@code keyId}; a fresh copy each call. */
    public byte[] sealKeyBytes(String keyId) {
        return Base64.getDecoder().decode(sealKeys.get(keyId));
    }

    /** Keeps the pepper and the keys out of logs and actuator dumps. */
    @Override
    public String toString() {
        return "SecretProperties[pepper=****, sealKeyId=" + sealKeyId + ", sealKeys=" + new TreeMap<>(sealKeys).keySet()
                + "]";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static byte[] decodeOrNull(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
