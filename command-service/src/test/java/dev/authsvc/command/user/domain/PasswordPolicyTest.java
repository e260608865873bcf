package dev.authsvc.command.user.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.user.api.Password;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private static final String EMAIL = "akash.gupta@gmail.com";
    private static final String FIRST = "Akash";
    private static final String LAST = "Gupta";

    private final PasswordPolicy policy = new PasswordPolicy();

    private Optional<String> check(String password) {
        return policy.violation(new Password(password), EMAIL, FIRST, LAST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"secure_password", "new_secure_password"})
    void theSeedReadmesExamplePasswords_areAccepted(String password) {
        assertThat(check(password)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "12345678", "qwertyuiop", "PASSWORD", "Qwertyuiop", "iloveyou", "sunshine1"})
    void commonLeakedPasswords_areRejectedWhateverTheirCase(String password) {
        assertThat(check(password)).contains("password is too common: it appears in lists of leaked passwords");
    }

    @Test
    void theLeakedList_isLoadedFromZxcvbn() {
        assertThat(PasswordPolicy.commonPasswordCount()).isGreaterThan(20_000);
    }

    @Test
    void sevenCharacters_areTooFewAndEightAreEnough() {
        assertThat(check("tr0ub4d")).contains("password must be 8 to 64 characters long");
        assertThat(check("tr0ub4dx")).isEmpty();
    }

    @Test
    void sixtyFourCharacters_areAllowedAndSixtyFiveAreNot() {
        assertThat(check("correct horse battery staple ".repeat(3).substring(0, 64))).isEmpty();
        assertThat(check("x".repeat(65))).contains("password must be 8 to 64 characters long");
    }

    @Test
    void lengthCountsCodePointsNotUtf16Units() {
        // Four emoji are eight UTF-16 units but only four characters.
        assertThat(check("🔑🔒🔓🗝")).contains("password must be 8 to 64 characters long");
        assertThat(check("🔑🔒🔓🗝🔑🔒🔓🗝")).isEmpty();
    }

    @Test
    void moreThan72BytesInUtf8_areTooLongForBcryptEvenWithin64Characters() {
        // An emoji is four bytes: eighteen fill bcrypt's 72, nineteen do not fit.
        assertThat(check("🔑".repeat(18))).isEmpty();
        assertThat(check("🔑".repeat(19))).hasValueSatisfying(violation -> assertThat(violation).contains("72 bytes"));
        assertThat(check("é".repeat(37))).hasValueSatisfying(violation -> assertThat(violation).contains("72 bytes"));
    }

    @Test
    void aPasswordContainingTheEmailLocalPart_isRejected() {
        assertThat(check("akash.gupta2024")).contains("password must not contain your email address");
        assertThat(check("my-AKASH.GUPTA-pass")).contains("password must not contain your email address");
    }

    @Test
    void aPasswordContainingTheWholeEmail_isRejected() {
        assertThat(check("Akash.Gupta@Gmail.com!")).contains("password must not contain your email address");
    }

    @Test
    void aPasswordContainingTheName_isRejected() {
        assertThat(check("hello-akash-123")).contains("password must not contain your name");
        assertThat(check("guptaRules99")).contains("password must not contain your name");
    }

    @Test
    void shortNamesAndLocalParts_areNotSearchedFor() {
        assertThat(policy.violation(new Password("alibaba-cave-door"), "al@example.com", "Al", "Li")).isEmpty();
    }

    @Test
    void missingEmailOrNames_areTolerated() {
        assertThat(policy.violation(new Password("secure_password"), null, null, null)).isEmpty();
    }

    @Test
    void messages_neverEchoThePassword() {
        for (String password : new String[] {"short", "qwertyuiop", "akash.gupta2024", "hello-akash-123"}) {
            assertThat(check(password)).hasValueSatisfying(message -> assertThat(message).doesNotContain(password));
        }
    }
}
