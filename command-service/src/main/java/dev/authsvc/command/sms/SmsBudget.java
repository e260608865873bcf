package dev.authsvc.command.sms;

import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMS budget of the whole service: at most {@code auth.sms.per-hour} codes per clock hour, counted in the
 * database ({@code sms_budget}) so that every command-service instance spends from the same budget. Past it, an
 * SMS-sending command is refused with 429 and a Retry-After until the hour ends, and
 * {@value #REFUSED_METRIC} counts the refusal: a rise is the alert for toll fraud (or a budget set too low).
 */
public class SmsBudget {

    public static final String REFUSED_METRIC = "auth.sms.budget.refused";

    private static final Duration WINDOW = Duration.ofHours(1);
    /** Rows older than this are deleted when a new hour starts. */
    private static final int KEPT_WINDOWS = 24;

    private final JdbcClient jdbc;
    private final TransactionTemplate windowSavepoint;
    private final Supplier<Instant> clock;
    private final int perHour;
    private final Counter refused;

    public SmsBudget(JdbcClient jdbc, PlatformTransactionManager transactions, Supplier<Instant> clock,
            SmsBudgetProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.windowSavepoint = new TransactionTemplate(transactions);
        windowSavepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.perHour = properties.perHour();
        this.refused = Counter.builder(REFUSED_METRIC)
                .description("SMS refused because the service's hourly SMS budget (AUTH_SMS_PER_HOUR) was spent")
                .register(meters);
    }

    /**
     * Spends one SMS of this hour's budget, in the caller's transaction, so it is given back if the send's event is
     * not stored; throws {@link Reason#TOO_MANY_REQUESTS} with the time left in the hour when it is spent. The row
     * stays locked until the caller commits, which orders concurrent senders on every instance.
     */
    public void spend() {
        Instant now = clock.get();
        long window = window(now);
        openWindow(window);
        int spent = jdbc.sql("UPDATE sms_budget SET sent = sent + 1 WHERE hour_window = ? AND sent < ?")
                .param(window)
                .param(perHour)
                .update();
        if (spent == 0) {
            throw refuse(now);
        }
    }

    /**
     * Refuses, as {@link #spend()} would, once this hour's budget is spent, without spending: for a send-otp to a
     * number no account has, which sends nothing but must be answered as a known number would be.
     */
    public void check() {
        Instant now = clock.get();
        Integer sent = jdbc.sql("SELECT sent FROM sms_budget WHERE hour_window = ?")
                .param(window(now))
                .query(Integer.class)
                .optional()
                .orElse(0);
        if (sent >= perHour) {
            throw refuse(now);
        }
    }

    /**
     * Creates the hour's row if no instance has yet, in a savepoint of the caller's transaction, so a lost race rolls
     * back to it and costs nothing. Not in a transaction of its own: that took a second connection while the caller
     * held one, and the first sends of an hour, as many at once as the pool has connections, each held one and waited
     * for another until the pool's timeout (503s at the start of an OTP burst).
     */
    private void openWindow(long window) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM sms_budget WHERE hour_window = ?")
                .param(window)
                .query(Integer.class)
                .single() > 0;
        if (exists) {
            return;
        }
        try {
            windowSavepoint.executeWithoutResult(status -> {
                jdbc.sql("INSERT INTO sms_budget (hour_window, sent) VALUES (?, 0)").param(window).update();
                jdbc.sql("DELETE FROM sms_budget WHERE hour_window < ?").param(window - KEPT_WINDOWS).update();
            });
        } catch (DuplicateKeyException anotherInstanceWasFirst) {
            // the row exists now, which is all this wanted
        }
    }

    private UserCommandRejectedException refuse(Instant now) {
        refused.increment();
        Instant windowEnd = Instant.ofEpochSecond((window(now) + 1) * WINDOW.toSeconds());
        return new UserCommandRejectedException(Reason.TOO_MANY_REQUESTS, null,
                "Too many text messages are being sent right now; try again later.", Duration.between(now, windowEnd));
    }

    private static long window(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), WINDOW.toSeconds());
    }
}
