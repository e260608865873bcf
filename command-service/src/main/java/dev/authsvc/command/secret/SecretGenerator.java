package dev.authsvc.command.secret;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/** Fresh OTPs and tokens from one {@link SecureRandom}, which is thread-safe and costly to seed. */
public class SecretGenerator {

    public static final int OTP_DIGITS = 6;
    public static final int TOKEN_BYTES = 32;

    private static final int OTP_BOUND = 1_000_000;
    private static final Base64.Encoder TOKEN_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public SecretGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Six decimal digits, zero-padded; {@code nextInt(bound)} rejects the biased tail, so all codes are equally likely. */
    public String otp() {
        return String.format("%06d", random.nextInt(OTP_BOUND));
    }

    /** 256 random bits, base64url without padding: 43 URL-safe characters. */
    public String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return TOKEN_ENCODER.encodeToString(bytes);
    }
}
