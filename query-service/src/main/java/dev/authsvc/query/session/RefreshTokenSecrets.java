package dev.authsvc.query.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Refresh-token values: the time of issue in 8 characters, then 256 random bits from {@link SecureRandom}, all
 * base64url (51 characters). Stored only as their {@link #key key}: the 8 characters of the issue time, then the
 * SHA-256 of the whole value (a value this random needs no salt or pepper). The issue time is there for the
 * database, not for security: keys sort in issue order, so a rotation's new row lands at the end of the key's
 * index, on the same few pages as every other rotation of the moment, instead of on a random page of it (on H2,
 * a random page per rotation was what refresh spent most of its time writing).
 *
 * <p>Tokens issued before the issue time was added are 256 random bits alone (43 characters), stored as their
 * SHA-256 alone; they are still found by {@link #key} (which is then the hash) until the last of them expires.
 *
 * <p>A child token kept for the reuse grace period is sealed with AES-256-GCM under a key derived (HMAC-SHA256)
 * from its parent's value, which is never stored: only whoever presents the parent again can open it, and the
 * database alone never yields a usable token.
 */
final class RefreshTokenSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
    /** The 64 characters of base64url in ASCII order, so that a number written with them sorts as a string. */
    private static final char[] SORTABLE =
            "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int ISSUE_TIME_CHARS = 8;
    private static final int RANDOM_CHARS = 43;
    private static final Pattern FORMAT =
            Pattern.compile("[A-Za-z0-9_-]{" + (ISSUE_TIME_CHARS + RANDOM_CHARS) + "}|[A-Za-z0-9_-]{" + RANDOM_CHARS + "}");
    private static final byte[] SEAL_LABEL = "authsvc refresh-token child seal v1".getBytes(StandardCharsets.UTF_8);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private RefreshTokenSecrets() {
    }

    /** A new token: {@code issuedAt} to the millisecond (48 bits, sortable), then 256 random bits. */
    static String generate(Instant issuedAt) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return keyBound(issuedAt) + BASE64URL.encodeToString(bytes);
    }

    /**
     * The keys of tokens issued at or after {@code time} sort at or after this; those of tokens issued before it,
     * before it (comparing characters by their codes).
     */
    static String keyBound(Instant time) {
        char[] chars = new char[ISSUE_TIME_CHARS];
        long millis = time.toEpochMilli();
        for (int i = ISSUE_TIME_CHARS - 1; i >= 0; i--) {
            chars[i] = SORTABLE[(int) (millis & 63)];
            millis >>>= 6;
        }
        return new String(chars);
    }

    /** Whether the value could be one of ours; anything else is refused before the database is asked. */
    static boolean wellFormed(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }

    /**
     * What a well-formed token is stored and looked up as: its issue time and its {@link #hash}, or its hash alone
     * for a token of the old format. The two cannot meet: one is 51 characters long, the other 43.
     */
    static String key(String token) {
        return token.length() == RANDOM_CHARS ? hash(token) : token.substring(0, ISSUE_TIME_CHARS) + hash(token);
    }

    static String hash(String token) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seals {@code child} so that only {@code parent}'s holder can open it; bound to the parent's hash. */
    static String sealChild(String child, String parent) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealKey(parent), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(hash(parent).getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(child.getBytes(StandardCharsets.US_ASCII));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return BASE64URL.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a refresh token", null);
        }
    }

    /** Opens what {@link #sealChild} made with the same parent; empty when it does not open. */
    static Optional<String> openChild(String sealed, String parent) {
        try {
            byte[] in = BASE64URL_DECODER.decode(sealed);
            if (in.length <= IV_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealKey(parent), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(hash(parent).getBytes(StandardCharsets.US_ASCII));
            return Optional.of(new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SecretKeySpec sealKey(String parent) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(parent.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal(SEAL_LABEL), "AES");
    }
}
