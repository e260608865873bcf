package dev.authsvc.web.h2;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Spring's JDBC transaction manager, whose commits return only once H2 has written them to its file, with one write
 * for all the transactions that commit at once ({@link GroupCommit}). Read-only transactions do not wait.
 * <p>
 * A transaction's connection goes back to the pool as soon as it has committed, before the wait for the write: a
 * pool of ten held by ten commits waiting for one slow write left every other request of the service, reads
 * included, waiting for a connection, and answered 503 after the pool's timeout. What comes after the commit is
 * unchanged: the transaction's synchronizations (waking the event store's readers, releasing an aggregate's lock)
 * still run once the write has ended, and the commit still fails if the write does.
 */
public final class GroupCommitTransactionManager extends JdbcTransactionManager implements DisposableBean {

    private final transient GroupCommit groupCommit;
    /** The transaction of this thread whose connection went back to the pool at its commit; cleaned up already. */
    private final transient ThreadLocal<Object> releasedAtCommit = new ThreadLocal<>();

    /**
     * @param dataSource the service's (pooled) data source, as for Spring's own manager
     * @param writerConnections unpooled connections to the same database, one of which runs the writes
     */
    public GroupCommitTransactionManager(DataSource dataSource, DataSource writerConnections) {
        super(dataSource);
        this.groupCommit = new GroupCommit(writerConnections);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        super.doCommit(status);
        if (status.isReadOnly()) {
            return;
        }
        long commit = groupCommit.committed();
        Object transaction = status.getTransaction();
        super.doCleanupAfterCompletion(transaction); // the connection, reset, back to the pool
        releasedAtCommit.set(transaction);
        try {
            groupCommit.awaitWritten(commit);
        } catch (SQLException e) {
            throw translateException("JDBC commit (writing the H2 store)", e);
        }
    }

    /** A failed write fails the commit, whose connection is gone already: there is nothing to roll back. */
    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        if (releasedAtCommit.get() != status.getTransaction()) {
            super.doRollback(status);
        }
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        if (releasedAtCommit.get() == transaction) {
            releasedAtCommit.remove();
            return;
        }
        super.doCleanupAfterCompletion(transaction);
    }

    /** Writes of the store so far, and commits that waited for one: for tests and diagnostics. */
    public long storeWrites() {
        return groupCommit.writes();
    }

    public long awaitedCommits() {
        return groupCommit.commits();
    }

    /** Closes the writes' connection; before the pool closes, as this manager depends on it. */
    @Override
    public void destroy() {
        groupCommit.close();
    }
}
