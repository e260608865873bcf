package dev.authsvc.command.audit.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads stored events and writes and reads their chain links, in plain JDBC on a connection the caller holds, so
 * the links join whatever transaction the connection is in: the event store's append ({@link ChainedJdbcEventStorageEngine}),
 * the migration that chains events stored before the chain existed ({@link ChainStoredEvents}), or a read.
 */
public final class EventChainStore {

    public static final String EVENT_COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type, "
            + "payload_type, payload_revision, time_stamp, payload, meta_data";

    private EventChainStore() {
    }

    /**
     * Chains the events just stored under these identifiers, each after the head of its user's chain; moves the
     * heads. Reads the rows back, so the hash covers the bytes as stored.
     */
    public static void chainStored(Connection connection, Collection<String> eventIdentifiers) throws SQLException {
        if (eventIdentifiers.isEmpty()) {
            return;
        }
        List<StoredEvent> stored = new ArrayList<>();
        String marks = String.join(", ", Collections.nCopies(eventIdentifiers.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement("SELECT " + EVENT_COLUMNS
                + " FROM domain_event_entry WHERE event_identifier IN (" + marks + ")"
                + " ORDER BY aggregate_identifier, sequence_number")) {
            int i = 1;
            for (String identifier : eventIdentifiers) {
                select.setString(i++, identifier);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.add(storedEvent(rows));
                }
            }
        }
        Map<String, List<StoredEvent>> byUser = new LinkedHashMap<>();
        for (StoredEvent event : stored) {
            byUser.computeIfAbsent(event.aggregateIdentifier(), id -> new ArrayList<>()).add(event);
        }
        for (List<StoredEvent> events : byUser.values()) {
            chainAfterHead(connection, events);
        }
    }

    /**
     * Chains one user's events, in sequence order, after the head of that user's chain (none: the genesis). A head
     * that is not the sequence right before the first event is a chain broken already: the events are chained on
     * it all the same, so writes go on, and verification names the break.
     */
    static void chainAfterHead(Connection connection, List<StoredEvent> events) throws SQLException {
        String user = events.get(0).aggregateIdentifier();
        Optional<ChainHead> head = head(connection, user);
        String previous = head.map(ChainHead::hash).orElse(EventChainHasher.GENESIS);
        ChainLink last = null;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_chain (aggregate_identifier, "
                + "sequence_number, event_identifier, global_index, payload_digest, meta_data_digest, previous_hash, "
                + "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (StoredEvent event : events) {
                last = EventChainHasher.link(event, previous);
                insert.setString(1, last.aggregateIdentifier());
                insert.setLong(2, last.sequenceNumber());
                insert.setString(3, last.eventIdentifier());
                insert.setLong(4, last.globalIndex());
                insert.setString(5, last.payloadDigest());
                insert.setString(6, last.metaDataDigest());
                insert.setString(7, last.previousHash());
                insert.setString(8, last.hash());
                insert.addBatch();
                previous = last.hash();
            }
            insert.executeBatch();
        }
        String sql = head.isPresent()
                ? "UPDATE event_chain_head SET sequence_number = ?, hash = ? WHERE aggregate_identifier = ?"
                : "INSERT INTO event_chain_head (sequence_number, hash, aggregate_identifier) VALUES (?, ?, ?)";
        try (PreparedStatement move = connection.prepareStatement(sql)) {
            move.setLong(1, last.sequenceNumber());
            move.setString(2, last.hash());
            move.setString(3, user);
            move.executeUpdate();
        }
    }

    /** Every user with an event, a link or a head: all whose chain there is to check. */
    public static List<String> users(Connection connection) throws SQLException {
        List<String> users = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT aggregate_identifier FROM domain_event_entry UNION SELECT aggregate_identifier FROM event_chain "
                        + "UNION SELECT aggregate_identifier FROM event_chain_head ORDER BY 1");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                users.add(rows.getString(1));
            }
        }
        return users;
    }

    public static List<StoredEvent> events(Connection connection, String user) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + EVENT_COLUMNS
                + " FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            select.setString(1, user);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(storedEvent(rows));
                }
            }
        }
        return events;
    }

    public static List<ChainLink> links(Connection connection, String user) throws SQLException {
        List<ChainLink> links = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT aggregate_identifier, sequence_number, "
                + "event_identifier, global_index, payload_digest, meta_data_digest, previous_hash, hash "
                + "FROM event_chain WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            select.setString(1, user);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    links.add(new ChainLink(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getLong(4),
                            rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8)));
                }
            }
        }
        return links;
    }

    public static Optional<ChainHead> head(Connection connection, String user) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT sequence_number, hash FROM event_chain_head WHERE aggregate_identifier = ?")) {
            select.setString(1, user);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new ChainHead(user, rows.getLong(1), rows.getString(2)))
                        : Optional.empty();
            }
        }
    }

    public static StoredEvent storedEvent(ResultSet rows) throws SQLException {
        return new StoredEvent(rows.getLong("global_index"), rows.getString("event_identifier"),
                rows.getString("aggregate_identifier"), rows.getLong("sequence_number"), rows.getString("type"),
                rows.getString("payload_type"), rows.getString("payload_revision"), rows.getString("time_stamp"),
                rows.getBytes("payload"), rows.getBytes("meta_data"));
    }
}
