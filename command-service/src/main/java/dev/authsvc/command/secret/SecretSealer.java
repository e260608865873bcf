package dev.authsvc.command.secret;

import dev.authsvc.command.user.api.SealedSecret;
import dev.authsvc.events.data.SealedValue;
import dev.authsvc.events.seal.SealContext;
import dev.authsvc.events.seal.SealedValueCipher;
import dev.authsvc.events.seal.SealedValueException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Seals values for the notifier, each bound to the {@link SealContext} of the event that will carry it (user,
 * event type, field, recipient), so a copy placed in another event does not open. The format (AES-256-GCM, fresh
 * 12-byte IV, the context as associated data, base64url of IV, ciphertext and tag) lives in the events module's
 * {@link SealedValueCipher}, which the notifier opens with; this class only maps it onto the command side's
 * {@link SealedSecret} and exception.
 */
public class SecretSealer {

    private final SealedValueCipher cipher;

    public SecretSealer(String currentKeyId, Map<String, byte[]> keys, SecureRandom random) {
        Objects.requireNonNull(currentKeyId, "currentKeyId");
        Objects.requireNonNull(random, "random");
        this.cipher = SealedValueCipher.sealing(currentKeyId, keys, random);
    }

    public static SecretSealer from(SecretProperties properties, SecureRandom random) {
        Map<String, byte[]> keys = new HashMap<>();
        properties.sealKeys().keySet().forEach(id -> keys.put(id, properties.sealKeyBytes(id)));
        return new SecretSealer(properties.sealKeyId(), keys, random);
    }

    public String currentKeyId() {
        return cipher.currentKeyId();
    }

    public SealedSecret seal(String plaintext, SealContext context) {
        Objects.requireNonNull(context, "context");
        SealedValue sealed = cipher.seal(plaintext, context);
        return new SealedSecret(sealed.keyId(), sealed.ciphertext(), sealed.version());
    }

    public String open(SealedSecret sealed, SealContext context) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(context, "context");
        try {
            return cipher.open(new SealedValue(sealed.keyId(), sealed.ciphertext(), sealed.version()), context);
        } catch (SealedValueException e) {
            throw new SecretSealException(e.getMessage(), e);
        }
    }
}
