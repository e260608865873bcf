package dev.authsvc.events.seal;

import dev.authsvc.events.data.SealedValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one implementation of the {@link SealedValue} format, shared by the command-service (which seals) and the
 * notifier (which opens): AES-256-GCM with a fresh 12-byte IV per seal, a 128-bit tag and the key id as
 * associated data, so a ciphertext relabelled with another key id fails to open. {@code ciphertext} is base64url
 * without padding of IV, ciphertext and tag.
 */
public final class SealedValueCipher {

    public static final int KEY_BYTES = 32;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String currentKeyId;
    private final Map<String, SecretKey> keys;
    private final SecureRandom random;

    private SealedValueCipher(String currentKeyId, Map<String, byte[]> keys, SecureRandom random) {
        Objects.requireNonNull(keys, "keys");
        Map<String, SecretKey> aesKeys = new HashMap<>();
        keys.forEach((id, key) -> {
            if (key == null || key.length != KEY_BYTES) {
                throw new IllegalArgumentException("seal key '" + id + "' must be " + KEY_BYTES + " bytes");
            }
            aesKeys.put(id, new SecretKeySpec(key, "AES"));
        });
        if (currentKeyId != null && !aesKeys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("no seal key with the current id '" + currentKeyId + "'");
        }
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(aesKeys);
        this.random = random;
    }

    /** A cipher that seals new values under {@code currentKeyId} and opens values sealed under any of {@code keys}. */
    public static SealedValueCipher sealing(String currentKeyId, Map<String, byte[]> keys, SecureRandom random) {
        Objects.requireNonNull(currentKeyId, "currentKeyId");
        Objects.requireNonNull(random, "random");
        return new SealedValueCipher(currentKeyId, keys, random);
    }

    /** A cipher that only opens, for a consumer that never seals (the notifier). */
    public static SealedValueCipher opening(Map<String, byte[]> keys) {
        return new SealedValueCipher(null, keys, null);
    }

    /** The id new values are sealed under; {@code null} for a cipher that only opens. */
    public String currentKeyId() {
        return currentKeyId;
    }

    public SealedValue seal(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        if (currentKeyId == null) {
            throw new IllegalStateException("this cipher only opens: it has no current key to seal with");
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), iv, currentKeyId);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return new SealedValue(currentKeyId, ENCODER.encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    public String open(SealedValue sealed) {
        Objects.requireNonNull(sealed, "sealed");
        if (sealed.keyId() == null || sealed.ciphertext() == null) {
            throw new SealedValueException("sealed value lacks its key id or ciphertext");
        }
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new SealedValueException("no seal key with id '" + sealed.keyId() + "' is configured");
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(sealed.ciphertext());
        } catch (IllegalArgumentException e) {
            throw new SealedValueException("sealed value under key '" + sealed.keyId() + "' is not base64url", e);
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new SealedValueException("sealed value under key '" + sealed.keyId() + "' is too short");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(bytes, IV_BYTES), sealed.keyId());
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealedValueException("sealed value under key '" + sealed.keyId()
                    + "' failed authentication: altered, or sealed under another key", e);
        } catch (GeneralSecurityException e) {
            throw new SealedValueException("sealed value under key '" + sealed.keyId() + "' could not be opened", e);
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, String keyId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
