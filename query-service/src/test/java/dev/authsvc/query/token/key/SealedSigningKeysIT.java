package dev.authsvc.query.token.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.query.config.QueryProperties;
import dev.authsvc.testsupport.TestDatabase;
import dev.authsvc.query.token.access.AccessTokenVerifier;
import dev.authsvc.query.token.access.AccessTokens;
import dev.authsvc.query.token.access.TokenSubject;
import dev.authsvc.query.token.access.VerifiedTokenCache;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Private signing keys at rest, on the test database (H2, or PostgreSQL with
 * {@value TestDatabase#POSTGRES_URL_VARIABLE}): each test starts the key beans of query-service (the real
 * SigningKeys, its repository and sealer, AccessTokens and AccessTokenVerifier, over Flyway's schema) several times
 * on one database, as restarts with changed key-encryption settings, and reads {@code signing_key} with JDBC.
 */
@ExtendWith(OutputCaptureExtension.class)
class SealedSigningKeysIT {

    private static final String K1 = randomKey();
    private static final String K2 = randomKey();

    private final Map<String, Object> database = TestDatabase.freshDatabase();

    @Test
    void withAKeyEncryptionKey_theStoredPrivateKeyIsNeitherPkcs8NorPemNorBase64OfIt() {
        start(sealedUnder("k1", K1)).run(context -> {
            assertThat(context).hasNotFailed();
            SigningKey active = context.getBean(SigningKeys.class).active();
            Row row = rows(context).get(0);

            assertThat(row.kid()).isEqualTo(active.kid());
            assertThat(row.keyEncryptionKeyId()).isEqualTo("k1");
            assertThat(readsAsAPrivateKey(row.privateKey())).as("the stored value opens without the key").isFalse();
            byte[] pkcs8 = active.privateKey().getEncoded();
            assertThat(row.privateKey()).doesNotContain("PRIVATE KEY", Base64.getEncoder().encodeToString(pkcs8),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(pkcs8));
        });
    }

    @Test
    void tokensSignedBeforeARestart_stillVerifyAfterIt_andTheKeyGoesOnSigning() {
        List<String> before = new ArrayList<>();
        start(sealedUnder("k1", K1)).run(context -> before.add(issue(context)));

        start(sealedUnder("k1", K1)).run(context -> {
            assertThat(context).hasNotFailed();
            AccessTokenVerifier verifier = context.getBean(AccessTokenVerifier.class);
            assertThat(verifier.verify(before.get(0)).userId()).isEqualTo("user-1");
            assertThat(kid(issue(context))).isEqualTo(kid(before.get(0)));
            assertThat(verifier.verify(issue(context)).userId()).isEqualTo("user-1");
            assertThat(context.getBean(SigningKeys.class).jwkSetJson()).doesNotContain("\"d\"");
        });
    }

    @Test
    void aPlaintextKeyFromBeforeSealing_isSealedAtTheNextStart_andStillSigns(CapturedOutput output) {
        List<String> before = new ArrayList<>();
        start().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(rows(context).get(0).keyEncryptionKeyId()).isNull();
            assertThat(readsAsAPrivateKey(rows(context).get(0).privateKey())).as("the old format").isTrue();
            before.add(issue(context));
        });

        start(sealedUnder("k1", K1)).run(context -> {
            assertThat(context).hasNotFailed();
            Row row = rows(context).get(0);
            assertThat(row.kid()).isEqualTo(kid(before.get(0)));
            assertThat(row.keyEncryptionKeyId()).isEqualTo("k1");
            assertThat(readsAsAPrivateKey(row.privateKey())).isFalse();
            AccessTokenVerifier verifier = context.getBean(AccessTokenVerifier.class);
            assertThat(verifier.verify(before.get(0)).userId()).isEqualTo("user-1");
            String after = issue(context);
            assertThat(kid(after)).isEqualTo(row.kid());
            assertThat(verifier.verify(after).userId()).isEqualTo("user-1");
        });
        assertThat(output).contains("Sealed 1 private signing key(s) under key-encryption key 'k1'");
    }

    @Test
    void withoutAKeyEncryptionKey_theServiceStarts_warningThatKeysAreStoredUnencrypted(CapturedOutput output) {
        start().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AccessTokenVerifier.class).verify(issue(context)).userId()).isEqualTo("user-1");
        });

        assertThat(output).contains("WARN", "NO KEY-ENCRYPTION KEY", "stored unencrypted",
                "AUTH_TOKENS_KEYENCRYPTIONKEYID", "AUTH_TOKENS_KEYENCRYPTIONKEYS_<ID>");
    }

    @Test
    void aNewCurrentKeyEncryptionKey_withTheOldOneStillListed_keepsOldKeysWorking_andReseals(CapturedOutput output) {
        List<String> before = new ArrayList<>();
        start(sealedUnder("k1", K1)).run(context -> before.add(issue(context)));

        start("auth.tokens.key-encryption-key-id=k2", "auth.tokens.key-encryption-keys.k1=" + K1,
                "auth.tokens.key-encryption-keys.k2=" + K2).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(AccessTokenVerifier.class).verify(before.get(0)).userId())
                            .isEqualTo("user-1");
                    assertThat(rows(context)).extracting(Row::keyEncryptionKeyId).containsOnly("k2");
                    before.add(issue(context));
                });

        // Once a start under k2 has resealed the keys, k1 can be dropped from the settings.
        start(sealedUnder("k2", K2)).run(context -> {
            assertThat(context).hasNotFailed();
            AccessTokenVerifier verifier = context.getBean(AccessTokenVerifier.class);
            assertThat(before).allSatisfy(token -> assertThat(verifier.verify(token).userId()).isEqualTo("user-1"));
        });
        assertThat(output).doesNotContain(K1, K2);
    }

    @Test
    void aKeySealedUnderAnUnlistedKeyEncryptionKey_failsTheStartNamingThatKey(CapturedOutput output) {
        start(sealedUnder("k1", K1)).run(context -> assertThat(context).hasNotFailed());

        start(sealedUnder("k2", K2)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context)).anySatisfy(message -> assertThat(message).contains(
                    "sealed under key-encryption key 'k1', which is not configured",
                    "auth.tokens.key-encryption-keys.k1", "AUTH_TOKENS_KEYENCRYPTIONKEYS_K1"));
        });
        assertThat(output).doesNotContain(K1, K2);
    }

    @Test
    void sealedKeys_withNoKeyEncryptionKeyConfiguredAnyMore_failTheStart_insteadOfBeingReplacedOrRewrittenInClear() {
        start(sealedUnder("k1", K1)).run(context -> assertThat(context).hasNotFailed());

        start().run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context)).anySatisfy(message -> assertThat(message).contains("'k1'"));
        });
        start(sealedUnder("k1", K1)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(rows(context)).hasSize(1).extracting(Row::keyEncryptionKeyId).containsOnly("k1");
        });
    }

    @Test
    void aSealedKeyCopiedIntoAnotherKeysRow_failsTheStart() {
        start(sealedUnder("k1", K1)).run(context -> {
            String oldKid = context.getBean(SigningKeys.class).active().kid();
            String newKid = context.getBean(SigningKeys.class).rotate().kid();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String newKey = jdbc.sql("SELECT private_key FROM signing_key WHERE kid = ?").param(newKid)
                    .query(String.class).single();
            jdbc.sql("UPDATE signing_key SET private_key = ? WHERE kid = ?").params(newKey, oldKid).update();
        });

        start(sealedUnder("k1", K1)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context))
                    .anySatisfy(message -> assertThat(message).contains("is not the one that kid names"));
        });
    }

    private record Row(String kid, String privateKey, String keyEncryptionKeyId) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(QueryProperties.class)
    @Import({SigningKeySealer.class, SigningKeyRepository.class, SigningKeys.class, AccessTokens.class,
            AccessTokenVerifier.class, VerifiedTokenCache.class})
    static class KeyBeans {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    /** One start of the key beans on this test's database. */
    private ApplicationContextRunner start(String... keyEncryption) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                        JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class))
                .withUserConfiguration(KeyBeans.class)
                .withPropertyValues(database.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new))
                .withPropertyValues("spring.flyway.locations=classpath:db/migration/common,classpath:db/migration/{vendor}")
                .withPropertyValues(keyEncryption);
    }

    private static String[] sealedUnder(String id, String key) {
        return new String[] {"auth.tokens.key-encryption-key-id=" + id,
            "auth.tokens.key-encryption-keys." + id + "=" + key};
    }

    private static List<Row> rows(AssertableApplicationContext context) {
        return context.getBean(JdbcClient.class)
                .sql("SELECT kid, private_key, key_encryption_key_id FROM signing_key ORDER BY created_at DESC, kid")
                .query((rs, rowNum) -> new Row(rs.getString("kid"), rs.getString("private_key"),
                        rs.getString("key_encryption_key_id")))
                .list();
    }

    private static String issue(AssertableApplicationContext context) {
        return context.getBean(AccessTokens.class).issue(new TokenSubject("user-1", UUID.randomUUID().toString(),
                Instant.now(), "otp", "employee", "user@example.com", false, true)).token();
    }

    private static String kid(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    /** Whether the value is an EC private key in any of the forms it was stored in before sealing. */
    private static boolean readsAsAPrivateKey(String value) {
        String stripped = value.replaceAll("-----(BEGIN|END) [A-Z ]*PRIVATE KEY-----", "").replaceAll("\\s", "");
        return Stream.of(Base64.getDecoder(), Base64.getUrlDecoder(), Base64.getMimeDecoder())
                .anyMatch(decoder -> {
                    try {
                        KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(decoder.decode(stripped)));
                        return true;
                    } catch (Exception notAKey) {
                        return false;
                    }
                });
    }

    private static List<String> messages(AssertableApplicationContext context) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
