package dev.authsvc.web.outage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Checks a part (the database, the broker) every few seconds and reports to its {@link OutageLog}, so that an
 * outage is logged, and its end too, even when no request meets it: the clients' own loggers, which would
 * log every reconnect attempt, are quieted in each service's configuration.
 */
public final class PartProbe implements AutoCloseable {

    /** One check: returns when the part answered, throws when it did not. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    private final OutageLog log;
    private final Check check;
    private final ScheduledExecutorService timer;
    private Runnable closing = () -> { };
    private static final int CHECK_TIMEOUT_SECONDS = 3;

    public PartProbe(String part, Check check, Duration every) {
        this.log = OutageLog.of(part);
        this.check = check;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "probe-" + part);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::probe, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void probe() {
        try {
            check.run();
            log.succeeded();
        } catch (Exception e) {
            log.failed(reason(e));
        }
    }

    /** Checks the database: a connection from the pool, and the driver's own validity check. */
    public static PartProbe database(DataSource dataSource, Duration every) {
        return new PartProbe("database", () -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid(CHECK_TIMEOUT_SECONDS)) {
                    throw new SQLException("the connection did not answer within " + CHECK_TIMEOUT_SECONDS + " s");
                }
            }
        }, every);
    }

    /**
     * Checks the Kafka cluster with an admin client of its own, built from the service's admin settings: it
     * asks for the cluster's nodes. The admin client does not rebootstrap (its rebootstrap loop logs thousands
     * of lines a minute while the broker is down).
     */
    public static PartProbe kafka(Map<String, Object> adminSettings, Duration every) {
        Map<String, Object> settings = new HashMap<>(adminSettings);
        settings.put(AdminClientConfig.METADATA_RECOVERY_STRATEGY_CONFIG, "none");
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "broker-probe");
        settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, (int) every.toMillis());
        Admin admin = Admin.create(settings);
        PartProbe probe = new PartProbe("Kafka broker", () -> admin.describeCluster(
                new DescribeClusterOptions().timeoutMs(CHECK_TIMEOUT_SECONDS * 1000)).nodes()
                .get(CHECK_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS), every);
        probe.closing = () -> admin.close(Duration.ofSeconds(1));
        return probe;
    }

    /** The innermost cause's type and message: drivers and clients put the address there, not data. */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        closing.run();
    }
}
