package dev.authsvc.web.h2;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Spring's JDBC transaction manager, whose commits return only once H2 has written them to its file, with one write
 * for all the transactions that commit at once ({@link GroupCommit}). Read-only transactions do not wait.
 */
public final class GroupCommitTransactionManager extends JdbcTransactionManager {

    private final transient GroupCommit groupCommit = new GroupCommit();

    public GroupCommitTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        super.doCommit(status);
        if (status.isReadOnly()) {
            return;
        }
        JdbcTransactionObjectSupport transaction = (JdbcTransactionObjectSupport) status.getTransaction();
        try {
            groupCommit.awaitWritten(transaction.getConnectionHolder().getConnection());
        } catch (SQLException e) {
            throw translateException("JDBC commit (writing the H2 store)", e);
        }
    }

    /** Writes of the store so far, and commits that waited for one: for tests and diagnostics. */
    public long storeWrites() {
        return groupCommit.writes();
    }

    public long awaitedCommits() {
        return groupCommit.commits();
    }
}
