package dev.authsvc.command.user.application;

import dev.authsvc.command.config.AccountProtectionProperties;
import dev.authsvc.command.user.api.LoginResult;
import dev.authsvc.command.user.domain.LockoutPolicy;
import dev.authsvc.command.user.domain.LockoutPolicy.Lock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.GenericEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed logins with an email or phone number that belongs to no account, counted and locked by the same
 * {@link LockoutPolicy} as an account's, so the answers (401, then 429 with the same {@code Retry-After}, growing,
 * and at a hundred the lock until reset) are the same whether or not the identifier is known. Kept in the database
 * table {@code unknown_login_failure}, keyed by the identifier's HMAC, so that every instance sharing the database
 * counts alike, as they do for an account (whose count is in its events). Bounded by
 * {@link AccountProtectionProperties#unknownLockoutCapacity()} and
 * {@link AccountProtectionProperties#unknownLockoutRetention()}, trimmed at most once a minute per instance.
 * Reads the aggregate's clock ({@link GenericEventMessage#clock}), so both sides agree on the time.
 */
@Component
class UnknownLoginLockout {

    private static final Logger log = LoggerFactory.getLogger(UnknownLoginLockout.class);
    private static final LockoutPolicy LOCKOUT = new LockoutPolicy();
    private static final Duration TRIM_INTERVAL = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final int capacity;
    private final Duration retention;
    private final AtomicReference<Instant> lastTrim = new AtomicReference<>(Instant.MIN);

    UnknownLoginLockout(JdbcClient jdbc, PlatformTransactionManager transactionManager,
            AccountProtectionProperties properties) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.capacity = properties.unknownLockoutCapacity();
        this.retention = properties.unknownLockoutRetention();
    }

    private record Row(int failures, Instant lockedUntil, boolean lockedUntilReset) {
    }

    /** The answer while the identifier is locked, as an account's would be; empty when it is not locked. */
    Optional<LoginResult> locked(String identifierHash) {
        Instant now = now();
        return find(identifierHash, false).flatMap(row -> lockedResult(row, now));
    }

    /** How long a send-otp to this unknown number must wait because its logins are locked; empty if they are not. */
    Optional<Duration> remainingLock(String identifierHash) {
        return locked(identifierHash).map(LoginResult::retryAfter);
    }

    /**
     * Records a failed login with the unknown identifier (the caller has already checked {@link #locked}) and
     * answers as the aggregate would: 401, or the lock this failure brought on.
     */
    LoginResult recordFailure(String identifierHash) {
        Instant now = now();
        insertIfAbsent(identifierHash, now);
        LoginResult result = transaction.execute(status -> {
            Row row = find(identifierHash, true).orElse(new Row(0, null, false));
            int failures = row.failures() + 1;
            Optional<Lock> lock = LOCKOUT.lockAfter(failures, now);
            Instant lockedUntil = lock.isPresent() ? lock.get().until() : row.lockedUntil();
            boolean untilReset = lock.isPresent() ? lock.get().untilReset() : row.lockedUntilReset();
            jdbc.sql("UPDATE unknown_login_failure SET consecutive_failures = ?, locked_until = ?, "
                            + "locked_until_reset = ?, last_failure_at = ? WHERE identifier_hash = ?")
                    .params(failures, time(lockedUntil), untilReset, time(now), identifierHash)
                    .update();
            return lock.map(applied -> applied.untilReset()
                            ? LoginResult.lockedUntilReset(null, LOCKOUT.retryAfter(applied, now))
                            : LoginResult.locked(null, LOCKOUT.retryAfter(applied, now)))
                    .orElseGet(() -> LoginResult.badCredentials(null));
        });
        trimNowAndThen(now);
        return result;
    }

    /** Deletes rows idle beyond the retention, then the least recently failed beyond the capacity. */
    void trim(Instant now) {
        trim(now, capacity, retention);
    }

    void trim(Instant now, int capacity, Duration retention) {
        jdbc.sql("DELETE FROM unknown_login_failure WHERE last_failure_at < ?").param(time(now.minus(retention)))
                .update();
        jdbc.sql("DELETE FROM unknown_login_failure WHERE last_failure_at < (SELECT last_failure_at FROM "
                        + "unknown_login_failure ORDER BY last_failure_at DESC OFFSET ? ROWS FETCH FIRST 1 ROWS ONLY)")
                .param(capacity - 1)
                .update();
    }

    private void trimNowAndThen(Instant now) {
        Instant last = lastTrim.get();
        if (now.isBefore(last.plus(TRIM_INTERVAL)) || !lastTrim.compareAndSet(last, now)) {
            return;
        }
        try {
            trim(now);
        } catch (DataAccessException e) {
            log.warn("Trimming unknown_login_failure failed: {}", e.getClass().getName());
        }
    }

    private static Optional<LoginResult> lockedResult(Row row, Instant now) {
        return LOCKOUT.remainingLock(row.lockedUntil(), row.lockedUntilReset(), now)
                .map(remaining -> row.lockedUntilReset()
                        ? LoginResult.lockedUntilReset(null, remaining)
                        : LoginResult.locked(null, remaining));
    }

    /** Its own statement, outside the counting transaction: a duplicate key would end a PostgreSQL transaction. */
    private void insertIfAbsent(String identifierHash, Instant now) {
        try {
            jdbc.sql("INSERT INTO unknown_login_failure (identifier_hash, consecutive_failures, locked_until, "
                            + "locked_until_reset, last_failure_at) VALUES (?, 0, NULL, FALSE, ?)")
                    .params(identifierHash, time(now))
                    .update();
        } catch (DuplicateKeyException alreadyThere) {
            // Counted from the existing row.
        }
    }

    private Optional<Row> find(String identifierHash, boolean forUpdate) {
        return jdbc.sql("SELECT consecutive_failures, locked_until, locked_until_reset FROM unknown_login_failure "
                        + "WHERE identifier_hash = ?" + (forUpdate ? " FOR UPDATE" : ""))
                .param(identifierHash)
                .query(UnknownLoginLockout::row)
                .optional();
    }

    private static Row row(ResultSet rs, int rowNumber) throws SQLException {
        OffsetDateTime until = rs.getObject("locked_until", OffsetDateTime.class);
        return new Row(rs.getInt("consecutive_failures"), until == null ? null : until.toInstant(),
                rs.getBoolean("locked_until_reset"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
