package dev.authsvc.notifier.config;

import dev.authsvc.events.seal.SealedValueCipher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The AES keys sealed codes and tokens are opened with: the same {@code auth.secrets.seal-keys.<id>} the
 * command-service seals with (env {@code AUTH_SECRETS_SEALKEYS_<ID>}). Keep retired ids until no event sealed
 * under them can still be delivered. The notifier never seals, so it needs no current key id and no pepper.
 */
@ConfigurationProperties("auth.secrets")
public record SealKeyProperties(Map<String, String> sealKeys) {

    private static final String SEAL_KEYS = "auth.secrets.seal-keys.<id> (env AUTH_SECRETS_SEALKEYS_<ID>)";

    /** Fails the startup naming each bad key by id, never showing a key. */
    public SealKeyProperties {
        Map<String, String> keys = new TreeMap<>();
        if (sealKeys != null) {
            sealKeys.forEach((id, key) -> keys.put(id, key == null ? "" : key.strip()));
        }
        List<String> problems = new ArrayList<>();
        if (keys.isEmpty()) {
            problems.add(SEAL_KEYS + " has no key; give the notifier the same seal keys as the command-service");
        }
        keys.forEach((id, key) -> {
            byte[] decoded = decodeOrNull(key);
            if (decoded == null || decoded.length != SealedValueCipher.KEY_BYTES) {
                problems.add("auth.secrets.seal-keys." + id + " must be the base64 of a " + SealedValueCipher.KEY_BYTES
                        + "-byte AES key");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid secret configuration: " + String.join("; ", problems));
        }
        sealKeys = Map.copyOf(keys);
    }

    public SealedValueCipher openingCipher() {
        Map<String, byte[]> keys = new HashMap<>();
        sealKeys.forEach((id, key) -> keys.put(id, Base64.getDecoder().decode(key)));
        return SealedValueCipher.opening(keys);
    }

    /** Keeps the keys out of logs and actuator dumps. */
    @Override
    public String toString() {
        return "SealKeyProperties[sealKeys=" + sealKeys.keySet() + "]";
    }

    private static byte[] decodeOrNull(String base64) {
        try {
            return base64.isEmpty() ? null : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
