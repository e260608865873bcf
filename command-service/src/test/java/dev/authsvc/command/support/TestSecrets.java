package dev.authsvc.command.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Fixed test-only keys for the pepper and the seal key; never used outside tests. */
public final class TestSecrets {

    public static final String PEPPER = "dGVzdC1wZXBwZXItdGVzdC1wZXBwZXItdGVzdC1wZXBwZXI=";
    public static final String SEAL_KEY_ID = "test-1";
    public static final String SEAL_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    public static final String SERVICE_CREDENTIAL = "test-service-credential-0123456789abcdef";

    private TestSecrets() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("auth.secrets.pepper", () -> PEPPER);
        registry.add("auth.secrets.seal-key-id", () -> SEAL_KEY_ID);
        registry.add("auth.secrets.seal-keys." + SEAL_KEY_ID, () -> SEAL_KEY);
        registry.add("auth.internal.credential", () -> SERVICE_CREDENTIAL);
        // A test may point the service elsewhere with auth.test.jwk-set-uri (a key of its own, see below).
        registry.add("auth.jwt.jwk-set-uri", () -> "${auth.test.jwk-set-uri:" + TestTokens.jwkSetUri() + "}");
        registry.add("auth.jwt.issuer", () -> TestTokens.ISSUER);
        registry.add("auth.jwt.audience", () -> TestTokens.AUDIENCE);
        // Cost 4 keeps tests fast (a test that needs bcrypt's real duration sets auth.test.bcrypt-cost, a key of its
        // own); PasswordHashingTest checks the production default of 12.
        registry.add("auth.password.bcrypt-cost", () -> "${auth.test.bcrypt-cost:4}");
        // No broker runs for most tests: the publisher is off unless a test sets auth.test.kafka=true (a key of
        // its own, since two registrations of one key would race).
        registry.add("auth.publisher.enabled", () -> "${auth.test.kafka:false}");
    }
}
