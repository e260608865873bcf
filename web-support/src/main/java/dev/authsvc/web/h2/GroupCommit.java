package dev.authsvc.web.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

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
 * <p>
 * The writes run on a connection of their own, opened from {@code writerConnections} (unpooled) at the first write
 * and kept: the callers wait holding no connection of the service's pool, so a write that takes seconds delays the
 * commits it covers but leaves the pool to everything else, and a pool that other transactions hold cannot stall
 * the write (they may be waiting for a lock that a caller waiting for this write releases after it).
 */
final class GroupCommit implements AutoCloseable {

    private final DataSource writerConnections;
    private final AtomicLong committed = new AtomicLong();
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicLong writes = new AtomicLong();
    /** The count of commits the last finished write covered; read and written under {@link #writing}. */
    private long written;
    /** The writes' connection, opened at the first write; used and replaced under {@link #writing}. */
    private Connection writer;

    GroupCommit(DataSource writerConnections) {
        this.writerConnections = writerConnections;
    }

    /** Counts a commit that just happened; call it right after the commit, then {@link #awaitWritten} with the answer. */
    long committed() {
        return committed.incrementAndGet();
    }

    /** Returns once a write of H2's store that began after {@code commit} was counted has ended, running it if needed. */
    void awaitWritten(long commit) throws SQLException {
        writing.lock();
        try {
            if (written >= commit) {
                return;
            }
            // Every commit counted so far happened before this write begins: it covers them all.
            long upTo = committed.get();
            checkpoint();
            writes.incrementAndGet();
            written = upTo;
        } finally {
            writing.unlock();
        }
    }

    private void checkpoint() throws SQLException {
        if (writer == null) {
            writer = writerConnections.getConnection();
        }
        try (Statement statement = writer.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            closeWriter(); // the next write opens a new one
            throw e;
        }
    }

    /** How many writes of the store the commits cost so far (fewer than the commits under concurrent load). */
    long writes() {
        return writes.get();
    }

    long commits() {
        return committed.get();
    }

    @Override
    public void close() {
        writing.lock();
        try {
            closeWriter();
        } finally {
            writing.unlock();
        }
    }

    private void closeWriter() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (SQLException e) {
            // closing a broken connection: nothing to keep of it
        } finally {
            writer = null;
        }
    }
}
