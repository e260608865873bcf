package dev.authsvc.command.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first sends of an hour open its budget row inside their own transactions: with a pool of two connections and
 * two sends that each hold one when they find the hour's row missing, both are counted. (When the row was created
 * in a transaction of its own, each waited for a second connection until the pool's timeout.)
 */
class SmsBudgetPoolTest {

    private static final Instant FIVE_PAST_TEN = Instant.parse("2026-01-01T10:05:00Z");

    private final HikariDataSource pool = new HikariDataSource();
    private final ExecutorService senders = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() {
        senders.shutdownNow();
        pool.close();
    }

    @Test
    void theFirstSendsOfAnHour_asManyAsThePoolHasConnections_openItsRowWithoutTakingASecondConnection() throws Exception {
        pool.setJdbcUrl("jdbc:h2:mem:sms-budget-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        pool.setMaximumPoolSize(2);
        pool.setConnectionTimeout(2_000);
        JdbcClient jdbc = JdbcClient.create(pool);
        jdbc.sql("CREATE TABLE sms_budget (hour_window BIGINT NOT NULL PRIMARY KEY, sent INTEGER NOT NULL)").update();
        JdbcTransactionManager transactions = new JdbcTransactionManager(pool);
        SmsBudget budget = new SmsBudget(jdbc, transactions, () -> FIVE_PAST_TEN, new SmsBudgetProperties(100),
                new SimpleMeterRegistry());
        CyclicBarrier bothHoldTheirConnection = new CyclicBarrier(2);
        Callable<Void> send = () -> {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                try {
                    // the transaction has its connection from the start; wait until the other has its own
                    bothHoldTheirConnection.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                budget.spend();
            });
            return null;
        };

        List<Future<Void>> sends = senders.invokeAll(List.of(send, send), 20, TimeUnit.SECONDS);

        for (Future<Void> each : sends) {
            each.get();
        }
        assertThat(jdbc.sql("SELECT sent FROM sms_budget").query(Integer.class).single()).isEqualTo(2);
    }
}
