package dev.authsvc.query.token.key;

import dev.authsvc.query.config.QueryProperties;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The token signing keys, shared by every instance through {@code signing_key}.
 * <ul>
 *   <li>At start, and every {@code auth.tokens.key-check-interval}, the table is read; when no key signs yet, or
 *   the signing key is older than {@code auth.tokens.key-rotation-interval}, a new ES256 key is generated and
 *   the others are retired (under a table lock, so instances agree). A key configured in
 *   {@code auth.tokens.signing-key} signs instead, and is never rotated automatically.</li>
 *   <li>A retired key's public half stays in the JWK Set while tokens it signed may be alive: for the access
 *   token lifetime, plus one check interval (another instance may go on signing with it until its next check),
 *   plus a minute of clock skew; then the row, private key included, is deleted.</li>
 *   <li>Private keys are stored sealed under the key-encryption key ({@link SigningKeySealer}); each check first
 *   seals again, under the lock, the rows not sealed under the current one (written before sealing, or under a
 *   key-encryption key since replaced), so a rotation of that key completes with one check.</li>
 * </ul>
 */
@Component
public class SigningKeys implements InitializingBean, SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    /** An unknown kid reloads the table at most this often, so random kids cannot hammer the database. */
    private static final Duration RELOAD_ON_MISS_INTERVAL = Duration.ofSeconds(5);

    private final SigningKeyRepository repository;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final QueryProperties.Tokens settings;
    private final SigningKey configured;

    private volatile KeySet keys = new KeySet(null, Map.of(), Instant.EPOCH);

    /** The keys as last read, and the JWK Set they make (text and UTF-8), written once per read, not per request. */
    private record KeySet(SigningKey active, Map<String, SigningKey> published, Instant loadedAt, String jwkSetJson,
            byte[] jwkSetUtf8) {

        KeySet(SigningKey active, Map<String, SigningKey> published, Instant loadedAt) {
            this(active, published, loadedAt, published.values().stream()
                    .map(SigningKey::publicJwk)
                    .collect(Collectors.joining(",", "{\"keys\":[", "]}")));
        }

        private KeySet(SigningKey active, Map<String, SigningKey> published, Instant loadedAt, String jwkSetJson) {
            this(active, published, loadedAt, jwkSetJson, jwkSetJson.getBytes(StandardCharsets.UTF_8));
        }
    }

    SigningKeys(SigningKeyRepository repository, PlatformTransactionManager transactionManager, Clock clock,
            QueryProperties properties) {
        this.repository = repository;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.settings = properties.tokens();
        String signingKey = settings.signingKey();
        this.configured = signingKey == null || signingKey.isBlank() ? null
                : SigningKeyMaterial.fromConfiguration(signingKey, clock.instant());
    }

    @Override
    public void afterPropertiesSet() {
        check();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // The start already checked (afterPropertiesSet): the first scheduled check is one interval later.
        registrar.addFixedDelayTask(
                new FixedDelayTask(this::checkQuietly, settings.keyCheckInterval(), settings.keyCheckInterval()));
    }

    /** The key new tokens are signed with. */
    public SigningKey active() {
        return keys.active();
    }

    /** The public key for a kid in the JWK Set; an unknown kid rereads the table (another instance may have rotated). */
    public Optional<ECPublicKey> verificationKey(String kid) {
        if (kid == null) {
            return Optional.empty();
        }
        SigningKey key = keys.published().get(kid);
        if (key == null && keys.loadedAt().plus(RELOAD_ON_MISS_INTERVAL).isBefore(clock.instant())) {
            reload();
            key = keys.published().get(kid);
        }
        return Optional.ofNullable(key).map(SigningKey::publicKey);
    }

    /** Whether the key {@code kid} is still in the JWK Set, as last loaded (no reload). */
    public boolean publishes(String kid) {
        return keys.published().containsKey(kid);
    }

    /** {@code {"keys":[...]}}: jjwt writes each JWK, not a whole set. */
    public String jwkSetJson() {
        return keys.jwkSetJson();
    }

    /**
     * {@link #jwkSetJson()} in UTF-8, for answers written straight to a response: the same array on every call until
     * the set changes, so callers write it out and never modify it.
     */
    public byte[] jwkSetUtf8() {
        return keys.jwkSetUtf8();
    }

    /** Rotates if due, drops keys whose tokens have all expired, and rereads the table. */
    public synchronized void check() {
        transactions.executeWithoutResult(status -> {
            repository.lock();
            int resealed = repository.resealStale();
            if (resealed > 0) {
                log.info("Sealed {} private signing key(s) under key-encryption key '{}'", resealed,
                        settings.keyEncryptionKeyId());
            }
            Instant now = clock.instant();
            List<SigningKey> all = repository.findAll();
            if (configured != null) {
                useConfigured(all, now);
            } else {
                SigningKey active = all.stream().filter(key -> !key.retired()).findFirst().orElse(null);
                if (active == null || !active.createdAt().plus(settings.keyRotationInterval()).isAfter(now)) {
                    replace(now, active == null ? "no signing key yet" : "the signing key is due for rotation");
                }
            }
            int dropped = repository.deleteRetiredBefore(now.minus(retention()));
            if (dropped > 0) {
                log.info("Dropped {} retired signing key(s): every token they signed has expired", dropped);
            }
        });
        reload();
    }

    /** Replaces the signing key now, whatever its age (operators, tests). */
    public synchronized SigningKey rotate() {
        if (configured != null) {
            throw new IllegalStateException("the signing key is configured (auth.tokens.signing-key): change it there");
        }
        transactions.executeWithoutResult(status -> {
            repository.lock();
            replace(clock.instant(), "rotation asked for");
        });
        reload();
        return active();
    }

    /** How long a retired key stays published. */
    public Duration retention() {
        return settings.accessTokenLifetime().plus(settings.keyCheckInterval()).plus(CLOCK_SKEW);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (SigningKeyUnreadableException e) {
            // Its message names key ids only, and which key-encryption key is missing.
            log.warn("Signing key check failed: {}", e.getMessage());
        } catch (RuntimeException e) {
            // The next check tries again; meanwhile the loaded keys go on signing.
            log.warn("Signing key check failed: {}", e.getClass().getName());
        }
    }

    private void replace(Instant now, String why) {
        SigningKey fresh = SigningKeyMaterial.generate(now);
        repository.insert(fresh);
        repository.retireAllBut(fresh.kid(), now);
        log.info("New signing key {} ({})", fresh.kid(), why);
    }

    private void useConfigured(List<SigningKey> all, Instant now) {
        Optional<SigningKey> stored = all.stream().filter(key -> key.kid().equals(configured.kid())).findFirst();
        if (stored.isEmpty()) {
            repository.insert(configured);
            log.info("Signing with the configured key {}", configured.kid());
        } else if (stored.get().retired()) {
            repository.unretire(configured.kid(), now);
        }
        repository.retireAllBut(configured.kid(), now);
    }

    private synchronized void reload() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention());
        List<SigningKey> all = repository.findAll();
        Map<String, SigningKey> published = new LinkedHashMap<>();
        for (SigningKey key : all) {
            if (!key.retired() || key.retiredAt().isAfter(cutoff)) {
                published.put(key.kid(), key);
            }
        }
        SigningKey active = all.stream().filter(key -> !key.retired()).findFirst().orElse(keys.active());
        keys = new KeySet(active, Collections.unmodifiableMap(published), now);
    }
}
