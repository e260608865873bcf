package dev.authsvc.notifier.outbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last messages of the channels that have no provider, kept in memory for local development (standalone
 * stack): they hold live codes and tokens, which is why it exists only when {@code AUTH_DEV_OUTBOX=true}.
 */
public class DevOutbox {

    private final int capacity;
    private final Deque<OutboxEntry> entries = new ArrayDeque<>();

    public DevOutbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public synchronized void add(OutboxEntry entry) {
        entries.addFirst(entry);
        while (entries.size() > capacity) {
            entries.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<OutboxEntry> entries() {
        return List.copyOf(entries);
    }
}
