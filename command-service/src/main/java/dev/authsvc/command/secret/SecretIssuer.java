package dev.authsvc.command.secret;

import dev.authsvc.command.user.api.IssuedSecret;
import java.util.Objects;

/**
 * Issues OTPs and tokens as commands carry them: the keyed hash the aggregate keeps and the sealed value the
 * notifier delivers. The plaintext leaves only inside the seal.
 */
public class SecretIssuer {

    private final SecretGenerator generator;
    private final SecretHasher hasher;
    private final SecretSealer sealer;

    public SecretIssuer(SecretGenerator generator, SecretHasher hasher, SecretSealer sealer) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
    }

    public IssuedSecret issueOtp() {
        return issue(generator.otp());
    }

    public IssuedSecret issueToken() {
        return issue(generator.token());
    }

    /** The hash of what a user typed or a link carried, to compare with an issued secret's hash. */
    public String hash(String typedByUser) {
        return hasher.hash(typedByUser);
    }

    /** Whether what a user typed is the secret issued with {@code issuedHash}, compared in constant time. */
    public boolean matches(String typedByUser, String issuedHash) {
        return hasher.matches(typedByUser, issuedHash);
    }

    private IssuedSecret issue(String plaintext) {
        return new IssuedSecret(hasher.hash(plaintext), sealer.seal(plaintext));
    }
}
