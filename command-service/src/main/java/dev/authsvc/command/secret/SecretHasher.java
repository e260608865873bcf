package dev.authsvc.command.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA256 under the pepper, lowercase hex) of OTPs and tokens. Short codes like a 6-digit OTP
 * could be brute-forced from a plain hash; without the pepper the stored hash reveals nothing.
 */
public class SecretHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec pepper;

    public SecretHasher(byte[] pepper) {
        Objects.requireNonNull(pepper, "pepper");
        if (pepper.length < SecretProperties.MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException("the pepper must be at least " + SecretProperties.MIN_PEPPER_BYTES
                    + " bytes");
        }
        this.pepper = new SecretKeySpec(pepper, ALGORITHM);
    }

    public String hash(String value) {
        Objects.requireNonNull(value, "value");
        return HEX.formatHex(mac().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code value} hashes to {@code expectedHash}, compared in constant time. */
    public boolean matches(String value, String expectedHash) {
        if (value == null || expectedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(value).getBytes(StandardCharsets.UTF_8),
                expectedHash.getBytes(StandardCharsets.UTF_8));
    }

    // Mac instances are not thread-safe and cheap to create; one per call keeps this bean shareable.
    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(pepper);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
        }
    }
}
