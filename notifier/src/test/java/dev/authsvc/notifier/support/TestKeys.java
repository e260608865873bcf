package dev.authsvc.notifier.support;

import dev.authsvc.events.data.SealedValue;
import dev.authsvc.events.seal.SealContext;
import dev.authsvc.events.seal.SealedValueCipher;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** The test-only seal key, shared with command-service's tests; sealing as the command-service does. */
public final class TestKeys {

    public static final String SEAL_KEY_ID = "test-1";
    public static final String SEAL_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private static final SealedValueCipher CIPHER = SealedValueCipher.sealing(SEAL_KEY_ID,
            Map.of(SEAL_KEY_ID, Base64.getDecoder().decode(SEAL_KEY)), new SecureRandom());

    private TestKeys() {
    }

    /** Sealed as the command-service seals: bound to the event that carries it. */
    public static SealedValue seal(String plaintext, SealContext context) {
        return CIPHER.seal(plaintext, context);
    }

    public static Map<String, String> properties() {
        return Map.of("auth.secrets.seal-keys." + SEAL_KEY_ID, SEAL_KEY);
    }
}
