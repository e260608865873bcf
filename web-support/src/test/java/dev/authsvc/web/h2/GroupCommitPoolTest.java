package dev.authsvc.web.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a commit waiting for H2's store holds: nothing of the service's pool. With a pool of one connection, a
 * commit waits while the store write is held back (its writer connection opens only once the test lets it, as a
 * slow disk would); meanwhile another transaction gets the pool's one connection, and the write ends while that
 * transaction still holds it.
 */
class GroupCommitPoolTest {

    @TempDir
    Path dir;

    private final CountDownLatch storeWritable = new CountDownLatch(1);
    private HikariDataSource pool;
    private GroupCommitTransactionManager transactionManager;
    private JdbcClient jdbc;

    @BeforeEach
    void onePooledConnection() {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=60000";
        pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(1);
        pool.setConnectionTimeout(1_000);
        DataSource writer = new DelegatingDataSource(new SimpleDriverDataSource(new org.h2.Driver(), url)) {
            @Override
            public Connection getConnection() throws SQLException {
                awaitQuietly(storeWritable);
                return super.getConnection();
            }
        };
        transactionManager = new GroupCommitTransactionManager(pool, writer);
        jdbc = JdbcClient.create(pool);
        jdbc.sql("CREATE TABLE t (id INT PRIMARY KEY)").update();
    }

    @AfterEach
    void close() {
        storeWritable.countDown();
        transactionManager.destroy();
        pool.close();
    }

    @Test
    void aCommitWaitingForTheStoreWrite_hasGivenItsConnectionBackToThePool() {
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> insert(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> transactionManager.awaitedCommits() == 1);

        assertThat(first).isNotDone();
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();

        storeWritable.countDown();
        first.join();
        assertThat(transactionManager.storeWrites()).isEqualTo(1);
    }

    @Test
    void theStoreWriteTakesNoConnectionFromThePool_soATransactionHoldingAllOfItCannotStallIt() throws Exception {
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> insert(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> transactionManager.awaitedCommits() == 1);

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> new TransactionTemplate(transactionManager)
                .executeWithoutResult(status -> {
                    jdbc.sql("INSERT INTO t VALUES (2)").update();
                    holding.countDown();
                    awaitQuietly(letGo);
                }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).as("the second transaction got the pool's connection").isTrue();

        storeWritable.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(second).isNotDone();

        letGo.countDown();
        second.get(10, TimeUnit.SECONDS);
        assertThat(jdbc.sql("SELECT id FROM t ORDER BY id").query(Integer.class).list()).containsExactly(1, 2);
        assertThat(transactionManager.awaitedCommits()).isEqualTo(2);
    }

    @Test
    void aWriteThatFails_failsItsCommit_andLeaksNoConnection() {
        // A writer that cannot open the database (a real refusal of H2's: no such file, and IFEXISTS forbids creating it).
        GroupCommitTransactionManager failing = new GroupCommitTransactionManager(pool, new SimpleDriverDataSource(
                new org.h2.Driver(), "jdbc:h2:file:" + dir.resolve("missing") + ";IFEXISTS=TRUE"));
        try {
            assertThatThrownBy(() -> new TransactionTemplate(failing).executeWithoutResult(status ->
                    jdbc.sql("INSERT INTO t VALUES (1)").update()))
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("writing the H2 store");
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        } finally {
            failing.destroy();
        }
        storeWritable.countDown();
        insert(2);
        assertThat(jdbc.sql("SELECT id FROM t ORDER BY id").query(Integer.class).list()).containsExactly(1, 2);
    }

    private void insert(int id) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status ->
                jdbc.sql("INSERT INTO t VALUES (?)").param(id).update());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
