package dev.authsvc.command.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.command.user.api.IssuedSecret;
import dev.authsvc.events.data.OtpRequestedData;
import dev.authsvc.events.seal.SealContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

@ExtendWith(OutputCaptureExtension.class)
class SecretConfigurationTest {

    private static final String PEPPER = randomBase64(32);
    private static final String KEY_1 = randomBase64(32);
    private static final String KEY_2 = randomBase64(32);
    private static final String SHORT_PEPPER = randomBase64(16);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SecretConfiguration.class);

    @Test
    void validProperties_giveAWorkingIssuer() {
        runner.withPropertyValues("auth.secrets.pepper=" + PEPPER, "auth.secrets.seal-key-id=k2",
                        "auth.secrets.seal-keys.k1=" + KEY_1, "auth.secrets.seal-keys.k2=" + KEY_2)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SealContext sealContext = OtpRequestedData.sealContext("user-1", "+14155550123");
                    IssuedSecret issued = context.getBean(SecretIssuer.class).issueOtp(sealContext);
                    String code = context.getBean(SecretSealer.class).open(issued.sealed(), sealContext);

                    assertThat(issued.sealed().keyId()).isEqualTo("k2");
                    assertThat(context.getBean(SecretHasher.class).matches(code, issued.hash())).isTrue();
                    assertThat(context.getBean(SecretProperties.class).sealKeys()).containsOnlyKeys("k1", "k2");
                });
    }

    @Test
    void environmentVariables_bindAsDocumented() {
        Map<String, Object> variables = Map.of("AUTH_SECRETS_PEPPER", PEPPER, "AUTH_SECRETS_SEALKEYID", "k1",
                "AUTH_SECRETS_SEALKEYS_K1", KEY_1);
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                variables)))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SecretProperties properties = context.getBean(SecretProperties.class);
                    assertThat(properties.sealKeyId()).isEqualTo("k1");
                    assertThat(properties.sealKeys()).containsOnlyKeys("k1");
                    assertThat(properties.pepper()).isEqualTo(PEPPER);
                });
    }

    @Test
    void missingPepper_failsNamingThePropertyAndVariable() {
        runner.withPropertyValues("auth.secrets.seal-key-id=k1", "auth.secrets.seal-keys.k1=" + KEY_1)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure()))
                            .anySatisfy(message -> assertThat(message)
                                    .contains("auth.secrets.pepper", "AUTH_SECRETS_PEPPER", "is not set"));
                });
    }

    @Test
    void nothingConfigured_failsListingEveryMissingProperty() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure()))
                    .anySatisfy(message -> assertThat(message)
                            .contains("AUTH_SECRETS_PEPPER", "AUTH_SECRETS_SEALKEYID", "AUTH_SECRETS_SEALKEYS_<ID>"));
        });
    }

    @Test
    void shortPepper_failsWithoutPrintingIt() {
        runner.withPropertyValues("auth.secrets.pepper=" + SHORT_PEPPER, "auth.secrets.seal-key-id=k1",
                        "auth.secrets.seal-keys.k1=" + KEY_1)
                .run(context -> {
                    assertThat(context).hasFailed();
                    List<String> messages = messages(context.getStartupFailure());
                    assertThat(messages).anySatisfy(message -> assertThat(message)
                            .contains("AUTH_SECRETS_PEPPER", "decodes to 16 bytes, at least 32"));
                    assertThat(messages).allSatisfy(message -> assertThat(message)
                            .doesNotContain(SHORT_PEPPER).doesNotContain(KEY_1));
                });
    }

    @Test
    void pepperThatIsNotBase64_failsWithoutPrintingIt() {
        runner.withPropertyValues("auth.secrets.pepper=not base64 at all!", "auth.secrets.seal-key-id=k1",
                        "auth.secrets.seal-keys.k1=" + KEY_1)
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .anySatisfy(message -> assertThat(message).contains("AUTH_SECRETS_PEPPER", "not valid base64"))
                        .allSatisfy(message -> assertThat(message).doesNotContain("not base64 at all")));
    }

    @Test
    void sealKeyOfTheWrongSize_failsNamingIt() {
        String shortKey = randomBase64(16);
        runner.withPropertyValues("auth.secrets.pepper=" + PEPPER, "auth.secrets.seal-key-id=k1",
                        "auth.secrets.seal-keys.k1=" + shortKey)
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .anySatisfy(message -> assertThat(message)
                                .contains("auth.secrets.seal-keys.k1", "decodes to 16 bytes", "exactly 32"))
                        .allSatisfy(message -> assertThat(message).doesNotContain(shortKey).doesNotContain(PEPPER)));
    }

    @Test
    void currentKeyIdWithoutAKey_failsNamingTheKnownIds() {
        runner.withPropertyValues("auth.secrets.pepper=" + PEPPER, "auth.secrets.seal-key-id=k9",
                        "auth.secrets.seal-keys.k1=" + KEY_1)
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .anySatisfy(message -> assertThat(message)
                                .contains("AUTH_SECRETS_SEALKEYID", "'k9'", "known ids: k1")));
    }

    @Test
    void startupFailureReport_namesTheVariableButNotTheValue(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(SecretConfiguration.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("auth.secrets.pepper=" + SHORT_PEPPER, "auth.secrets.seal-key-id=k1",
                        "auth.secrets.seal-keys.k1=" + KEY_1);

        assertThatThrownBy(application::run).isNotNull();

        assertThat(output.getAll()).contains("AUTH_SECRETS_PEPPER").doesNotContain(SHORT_PEPPER).doesNotContain(KEY_1);
    }

    @Test
    void toString_hidesThePepperAndKeys() {
        SecretProperties properties = new SecretProperties(PEPPER, "k1", Map.of("k1", KEY_1));

        assertThat(properties.toString()).contains("k1").doesNotContain(PEPPER).doesNotContain(KEY_1);
    }

    @Test
    void surroundingWhitespace_isIgnored() {
        SecretProperties properties = new SecretProperties(PEPPER + "\n", " k1 ", Map.of("k1", KEY_1 + "\n"));

        assertThat(properties.pepperBytes()).hasSize(32);
        assertThat(properties.sealKeyBytes("k1")).hasSize(32);
        assertThat(properties.sealKeyId()).isEqualTo("k1");
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }

    private static String randomBase64(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }
}
