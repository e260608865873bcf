package dev.authsvc.command.secret;

import dev.authsvc.command.user.api.IssuedSecret;
import dev.authsvc.events.seal.SealContext;
import java.util.Objects;

/**
 * Issues OTPs and tokens as commands carry them: the keyed hash the aggregate keeps and the sealed value the
 * notifier delivers, bound to the context of the event that will carry it. The plaintext leaves only inside the
 * seal.
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

    /** A code for the event of {@code context}, e.g. {@code OtpRequestedData.sealContext(userId, phoneNumber)}. */
    public IssuedSecret issueOtp(SealContext context) {
        return issue(generator.otp(), context);
    }

    /** A token for the event of {@code context}, e.g. {@code PasswordResetRequestedData.sealContext(userId, email)}. */
    public IssuedSecret issueToken(SealContext context) {
        return issue(generator.token(), context);
    }

    /** The hash of what a user typed or a link carried, to compare with an issued secret's hash. */
    public String hash(String typedByUser) {
        return hasher.hash(typedByUser);
    }

    /** Whether what a user typed is the secret issued with {@code issuedHash}, compared in constant time. */
    public boolean matches(String typedByUser, String issuedHash) {
        return hasher.matches(typedByUser, issuedHash);
    }

    private IssuedSecret issue(String plaintext, SealContext context) {
        return new IssuedSecret(hasher.hash(plaintext), sealer.seal(plaintext, context));
    }
}
