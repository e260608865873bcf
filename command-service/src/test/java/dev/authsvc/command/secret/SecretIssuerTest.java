package dev.authsvc.command.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.user.api.IssuedSecret;
import dev.authsvc.events.data.PasswordResetRequestedData;
import dev.authsvc.events.seal.SealContext;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretIssuerTest {

    private static final SealContext CONTEXT = PasswordResetRequestedData.sealContext("user-1", "ada@example.com");

    private final SecureRandom random = new SecureRandom();
    private final SecretHasher hasher = new SecretHasher(bytes(32));
    private final SecretSealer sealer = new SecretSealer("k1", Map.of("k1", bytes(32)), random);
    private final SecretIssuer issuer = new SecretIssuer(new SecretGenerator(random), hasher, sealer);

    @Test
    void issuedOtp_sealsASixDigitCodeWhoseHashIsCarried() {
        IssuedSecret issued = issuer.issueOtp(CONTEXT);
        String code = sealer.open(issued.sealed(), CONTEXT);

        assertThat(code).matches("[0-9]{6}");
        assertThat(issued.hash()).isEqualTo(issuer.hash(code));
        assertThat(issuer.matches(code, issued.hash())).isTrue();
        assertThat(issued.toString()).doesNotContain(code);
    }

    @Test
    void issuedToken_sealsA43CharacterTokenWhoseHashIsCarried() {
        IssuedSecret issued = issuer.issueToken(CONTEXT);
        String token = sealer.open(issued.sealed(), CONTEXT);

        assertThat(token).hasSize(43);
        assertThat(issued.hash()).isEqualTo(hasher.hash(token));
        assertThat(issued.sealed().ciphertext()).doesNotContain(token);
        assertThat(issued.toString()).doesNotContain(token);
    }

    @Test
    void aWrongGuess_doesNotMatch() {
        IssuedSecret issued = issuer.issueOtp(CONTEXT);
        String code = sealer.open(issued.sealed(), CONTEXT);
        String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);

        assertThat(issuer.matches(wrong, issued.hash())).isFalse();
    }

    @Test
    void eachIssue_isFresh() {
        assertThat(issuer.issueToken(CONTEXT).hash()).isNotEqualTo(issuer.issueToken(CONTEXT).hash());
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
