package dev.authsvc.web.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for an embedded H2 database: a transaction that committed waits until H2 has written its changes to
 * the database file, and one write serves every transaction that committed before it began.
 * <p>
 * H2 commits in memory and writes its store to the file later ({@code WRITE_DELAY}, 500 ms by default); with
 * {@code WRITE_DELAY=0} it writes at every commit, one after the other, each write serializing the pages the
 * commit changed and their parents. Here the commits stay in memory and {@link #awaitWritten} is called after
 * each: the first caller runs {@code CHECKPOINT} (H2's store of everything committed so far), the callers that
 * committed while it ran wait for it to end, then one of them writes for all of them. So an answer is still given
 * only once what it reports is in the file, as with {@code WRITE_DELAY=0}, and under load one write covers many
 * commits.
 */
final class GroupCommit {

    private final AtomicLong committed = new AtomicLong();
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicLong writes = new AtomicLong();
    /** The count of commits the last finished write covered; read and written under {@link #writing}. */
    private long written;

    /**
     * Returns once a write of H2's store that began after this call's commit has ended, running it on
     * {@code connection} unless another caller's write already covers this commit. Call it right after the commit,
     * on the connection that committed.
     */
    void awaitWritten(Connection connection) throws SQLException {
        long mine = committed.incrementAndGet();
        writing.lock();
        try {
            if (written >= mine) {
                return;
            }
            // Every commit counted so far happened before this write begins: it covers them all.
            long upTo = committed.get();
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
            writes.incrementAndGet();
            written = upTo;
        } finally {
            writing.unlock();
        }
    }

    /** How many writes of the store the commits cost so far (fewer than the commits under concurrent load). */
    long writes() {
        return writes.get();
    }

    long commits() {
        return committed.get();
    }
}
