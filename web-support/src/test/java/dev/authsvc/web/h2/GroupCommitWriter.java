package dev.authsvc.web.h2;

import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The process that {@link GroupCommitDurabilityTest} kills: writers on an H2 file database whose own write delay is
 * a minute, each inserting rows one transaction at a time and printing a row's id once its commit returned. The
 * database stays open between connections ({@code DB_CLOSE_DELAY=-1}): each transaction takes a connection of its
 * own, and without it H2 closes the database, writing everything, whenever all eight are closed at once, which a
 * busy machine makes likelier (the likely cause of the one run, during two builds at once, where the plain writer lost
 * nothing and the test meant to show its loss failed).
 * Arguments: the database path, then {@code group-commit} or {@code plain} (Spring's own transaction manager).
 */
public final class GroupCommitWriter {

    private GroupCommitWriter() {
    }

    public static void main(String[] args) throws Exception {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:file:" + args[0] + ";WRITE_DELAY=60000;DB_CLOSE_DELAY=-1");
        JdbcTransactionManager transactionManager = "group-commit".equals(args[1])
                ? new GroupCommitTransactionManager(dataSource, dataSource) : new JdbcTransactionManager(dataSource);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE IF NOT EXISTS answered (id BIGINT PRIMARY KEY, payload VARCHAR(200))").update();
        jdbc.sql("CHECKPOINT").update(); // the table itself is on disk before any row is written, in both modes
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        PrintStream out = new PrintStream(System.out, false);
        AtomicLong ids = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            writers.execute(() -> {
                while (true) {
                    long id = ids.incrementAndGet();
                    transactions.executeWithoutResult(status -> jdbc
                            .sql("INSERT INTO answered (id, payload) VALUES (?, ?)")
                            .params(id, "row " + id + " ".repeat(100))
                            .update());
                    synchronized (out) {
                        out.println(id);
                        out.flush();
                    }
                }
            });
        }
        writers.awaitTermination(1, TimeUnit.HOURS);
    }
}
