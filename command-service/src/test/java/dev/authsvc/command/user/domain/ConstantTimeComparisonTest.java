package dev.authsvc.command.user.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.authsvc.command.user.api.CompletePasswordResetCommand;
import dev.authsvc.command.user.api.ConfirmPhoneChangeCommand;
import dev.authsvc.command.user.api.VerifyEmailCommand;
import dev.authsvc.command.user.api.VerifyOtpCommand;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Security rule (docs/security-rules.md): codes are compared in constant time. A timing measurement would be flaky, so this reads the bytecode:
 * the one comparison of code and token hashes is {@link MessageDigest#isEqual}, and every handler that checks a
 * code or a token goes through it.
 */
class ConstantTimeComparisonTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .importClasses(SecretHashes.class, OtpPolicy.class, ResetTokenPolicy.class, User.class);

    @Test
    void hashesAreComparedWithMessageDigestIsEqual_andNeverWithEquals() {
        List<String> calls = callsOf(method(SecretHashes.class, "match", String.class, String.class));

        assertThat(calls).contains("java.security.MessageDigest.isEqual")
                .doesNotContain("java.lang.String.equals", "java.lang.Object.equals", "java.util.Arrays.equals",
                        "java.lang.String.contentEquals", "java.lang.String.compareTo");
    }

    @Test
    void codeAndTokenPolicies_compareThroughSecretHashes() {
        assertThat(callsOf(method(OtpPolicy.class, "matches", String.class, String.class)))
                .contains(SecretHashes.class.getName() + ".match");
        assertThat(callsOf(method(ResetTokenPolicy.class, "accepts", String.class, Instant.class, String.class,
                Instant.class))).contains(SecretHashes.class.getName() + ".match");
    }

    @Test
    void everyHandlerThatChecksACodeOrToken_asksThePolicies() {
        String otpMatches = OtpPolicy.class.getName() + ".matches";
        String tokenAccepts = ResetTokenPolicy.class.getName() + ".accepts";

        assertThat(callsOf(handler(VerifyOtpCommand.class))).contains(otpMatches);
        assertThat(callsOf(handler(ConfirmPhoneChangeCommand.class))).contains(otpMatches);
        assertThat(callsOf(handler(CompletePasswordResetCommand.class))).contains(tokenAccepts);
        assertThat(callsOf(handler(VerifyEmailCommand.class))).contains(tokenAccepts);
    }

    private static JavaMethod handler(Class<?> command) {
        return CLASSES.get(User.class).getMethods().stream()
                .filter(method -> method.getName().equals("handle")
                        && method.getRawParameterTypes().get(0).isEquivalentTo(command))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no handler of " + command.getSimpleName()));
    }

    private static JavaMethod method(Class<?> owner, String name, Class<?>... parameters) {
        return CLASSES.get(owner).getMethod(name, parameters);
    }

    private static List<String> callsOf(JavaMethod method) {
        return method.getMethodCallsFromSelf().stream()
                .map(JavaMethodCall::getTarget)
                .map(target -> target.getOwner().getName() + "." + target.getName())
                .toList();
    }
}
