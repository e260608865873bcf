package dev.authsvc.events.seal;

import dev.authsvc.events.data.SealedValue;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one implementation of the {@link SealedValue} format, shared by the command-service (which seals) and the
 * notifier (which opens): AES-256-GCM with a fresh 12-byte IV per seal and a 128-bit tag; {@code ciphertext} is
 * base64url without padding of IV, ciphertext and tag.
 *
 * <p>The associated data binds the value. A value sealed with a {@link SealContext} (format {@value
 * SealedValue#BOUND}, every code and token in an event) is bound to the key id and its context: for each of
 * {@code "authsvc-sealed-value/2"}, key id, user id, event type, field and recipient, the 4-byte big-endian length
 * of its UTF-8 bytes followed by those bytes. A copy placed in another user's event, another event type or field,
 * or addressed to another recipient fails to open, as does a ciphertext relabelled with another key id. A value
 * sealed without a context (format 1: values at rest) is bound to the key id alone (its UTF-8 bytes), and the two
 * formats never open as each other.
 */
public final class SealedValueCipher {

    public static final int KEY_BYTES = 32;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String BOUND_LABEL = "authsvc-sealed-value/" + SealedValue.BOUND;

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

    /** Seals a value kept at rest, bound to the key id only (format 1). Values in events use the context form. */
    public SealedValue seal(String plaintext) {
        return seal(plaintext, null);
    }

    /** Seals a value bound to {@code context} (format {@value SealedValue#BOUND}): it opens only with that context. */
    public SealedValue seal(String plaintext, SealContext context) {
        Objects.requireNonNull(plaintext, "plaintext");
        if (currentKeyId == null) {
            throw new IllegalStateException("this cipher only opens: it has no current key to seal with");
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), iv,
                    associatedData(currentKeyId, context));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return new SealedValue(currentKeyId, ENCODER.encodeToString(out),
                    context == null ? null : SealedValue.BOUND);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /** Opens a value sealed without a context (format 1); a value bound to a context is refused. */
    public String open(SealedValue sealed) {
        return open(sealed, null);
    }

    /**
     * Opens a value sealed for {@code context}; refuses, with {@link SealedValueException}, a value sealed for
     * another context and a value bound to no context at all, which anyone holding an older event could re-address.
     */
    public String open(SealedValue sealed, SealContext context) {
        Objects.requireNonNull(sealed, "sealed");
        if (sealed.keyId() == null || sealed.ciphertext() == null) {
            throw new SealedValueException("sealed value lacks its key id or ciphertext");
        }
        if (context != null && !sealed.bound()) {
            throw new SealedValueException("sealed value under key '" + sealed.keyId() + "' is not bound to its "
                    + context.eventType() + " event (version " + sealed.version() + ", " + SealedValue.BOUND
                    + " is needed)");
        }
        if (context == null && sealed.version() != null) {
            throw new SealedValueException("sealed value under key '" + sealed.keyId() + "' is bound to a context "
                    + "(version " + sealed.version() + "): open it with that context");
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
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(bytes, IV_BYTES),
                    associatedData(sealed.keyId(), context));
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealedValueException("sealed value under key '" + sealed.keyId()
                    + "' failed authentication: altered, sealed under another key"
                    + (context == null ? "" : ", or sealed for another user, event, field or recipient"), e);
        } catch (GeneralSecurityException e) {
            throw new SealedValueException("sealed value under key '" + sealed.keyId() + "' could not be opened", e);
        }
    }

    /** The associated data of the class comment: the key id alone, or the length-prefixed label, key id and context. */
    static byte[] associatedData(String keyId, SealContext context) {
        if (context == null) {
            return keyId.getBytes(StandardCharsets.UTF_8);
        }
        List<String> parts = new ArrayList<>();
        parts.add(BOUND_LABEL);
        parts.add(keyId);
        parts.addAll(context.parts());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, byte[] associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(associatedData);
        return cipher;
    }
}
