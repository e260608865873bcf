package dev.authsvc.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** {@code auth.tokens.key-encryption-key-id} and {@code auth.tokens.key-encryption-keys.<id>}, as bound at start. */
class KeyEncryptionSettingsTest {

    private static final String K1 = randomBase64(32);
    private static final String K2 = randomBase64(32);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(QueryProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class);

    @Test
    void environmentVariables_bindAsDocumented() {
        Map<String, Object> variables = Map.of("AUTH_TOKENS_KEYENCRYPTIONKEYID", "k2",
                "AUTH_TOKENS_KEYENCRYPTIONKEYS_K1", K1, "AUTH_TOKENS_KEYENCRYPTIONKEYS_K2", K2 + "\n");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                variables)))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    QueryProperties.Tokens tokens = context.getBean(QueryProperties.class).tokens();
                    assertThat(tokens.sealsSigningKeys()).isTrue();
                    assertThat(tokens.keyEncryptionKeyId()).isEqualTo("k2");
                    assertThat(tokens.keyEncryptionKeys()).containsOnlyKeys("k1", "k2");
                    assertThat(tokens.keyEncryptionKeyBytes().get("k2")).isEqualTo(Base64.getDecoder().decode(K2));
                });
    }

    @Test
    void nothingSet_startsWithoutSealing() {
        runner.withPropertyValues("auth.tokens.key-encryption-key-id=").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(QueryProperties.class).tokens().sealsSigningKeys()).isFalse();
        });
    }

    @Test
    void anIdNamingNoListedKey_failsNamingPropertyVariableAndKnownIds() {
        runner.withPropertyValues("auth.tokens.key-encryption-key-id=k2", "auth.tokens.key-encryption-keys.k1=" + K1)
                .run(context -> assertThat(failure(context)).contains("auth.tokens.key-encryption-key-id",
                        "AUTH_TOKENS_KEYENCRYPTIONKEYID", "names key 'k2'", "known ids: k1").doesNotContain(K1));
        runner.withPropertyValues("auth.tokens.key-encryption-key-id=k1")
                .run(context -> assertThat(failure(context)).contains("names key 'k1'",
                        "auth.tokens.key-encryption-keys.<id> (env AUTH_TOKENS_KEYENCRYPTIONKEYS_<ID>)"));
    }

    @Test
    void keysWithoutAnId_failNamingTheIdToSet() {
        runner.withPropertyValues("auth.tokens.key-encryption-keys.k1=" + K1)
                .run(context -> assertThat(failure(context))
                        .contains("auth.tokens.key-encryption-key-id (env AUTH_TOKENS_KEYENCRYPTIONKEYID) is not set")
                        .doesNotContain(K1));
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64_failsNamingItsIdWithoutShowingIt() {
        String short16 = randomBase64(16);
        runner.withPropertyValues("auth.tokens.key-encryption-key-id=k1",
                        "auth.tokens.key-encryption-keys.k1=" + short16,
                        "auth.tokens.key-encryption-keys.k2=not base64!")
                .run(context -> assertThat(failure(context))
                        .contains("auth.tokens.key-encryption-keys.k1 must be the base64 of a 32-byte AES key",
                                "auth.tokens.key-encryption-keys.k2 must be", "openssl rand -base64 32")
                        .doesNotContain(short16, "not base64!"));
    }

    @Test
    void theSettingsPrintWithoutKeys() {
        runner.withPropertyValues("auth.tokens.key-encryption-key-id=k1", "auth.tokens.key-encryption-keys.k1=" + K1,
                        "auth.tokens.signing-key=MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg")
                .run(context -> assertThat(context.getBean(QueryProperties.class).toString())
                        .contains("keyEncryptionKeyId=k1", "keyEncryptionKeys=[k1]", "signingKey=****")
                        .doesNotContain(K1, "MIGHAgEA"));
    }

    private static String failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        List<String> messages = new ArrayList<>();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return String.join("\n", messages);
    }

    private static String randomBase64(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }
}
