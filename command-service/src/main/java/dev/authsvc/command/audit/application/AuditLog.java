package dev.authsvc.command.audit.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authsvc.command.audit.RequestMetadataInterceptor;
import dev.authsvc.command.audit.chain.ChainVerification;
import dev.authsvc.command.audit.chain.ChainVerifier;
import dev.authsvc.command.audit.chain.EventChainStore;
import dev.authsvc.command.audit.chain.StoredEvent;
import dev.authsvc.command.user.domain.UserReplay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The audit API's reads: a user's stored events, the global stream, a user's state at an instant (replayed by the
 * aggregate), and the walk of the hash chains. Every payload and state passes {@link Redaction} first.
 */
@Service
public class AuditLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RowMapper<AuditEvent> AUDIT_EVENT =
            (rows, n) -> auditEvent(EventChainStore.storedEvent(rows));

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final ObjectMapper axonObjectMapper;
    private final TransactionTemplate snapshotRead;

    AuditLog(JdbcTemplate jdbc, EventStore eventStore, @Qualifier("axonObjectMapper") ObjectMapper axonObjectMapper,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.axonObjectMapper = axonObjectMapper;
        // One snapshot of a user's events, links and head, so an append committing meanwhile is not a break.
        this.snapshotRead = new TransactionTemplate(transactions);
        snapshotRead.setReadOnly(true);
        snapshotRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Every stored event of the user, oldest first. */
    public List<AuditEvent> userEvents(String userId) {
        List<AuditEvent> events = jdbc.query("SELECT " + EventChainStore.EVENT_COLUMNS
                + " FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number", AUDIT_EVENT, userId);
        if (events.isEmpty()) {
            throw new UnknownUserException("No user with this id has any stored event.");
        }
        return events;
    }

    /** Up to {@code limit} events of the global stream after position {@code after}, in store order. */
    public AuditPage page(long after, int limit) {
        List<AuditEvent> events = jdbc.query("SELECT " + EventChainStore.EVENT_COLUMNS
                + " FROM domain_event_entry WHERE global_index > ? ORDER BY global_index FETCH FIRST " + limit
                + " ROWS ONLY", AUDIT_EVENT, after);
        return new AuditPage(events, events.isEmpty() ? null : events.get(events.size() - 1).position());
    }

    /** The same events as {@link #page}, handed to {@code sink} one by one as they are read. */
    public void stream(long after, int limit, Consumer<AuditEvent> sink) {
        jdbc.query(connection -> {
            var select = connection.prepareStatement("SELECT " + EventChainStore.EVENT_COLUMNS
                    + " FROM domain_event_entry WHERE global_index > ? ORDER BY global_index FETCH FIRST " + limit
                    + " ROWS ONLY");
            select.setLong(1, after);
            select.setFetchSize(100);
            return select;
        }, rows -> {
            sink.accept(auditEvent(EventChainStore.storedEvent(rows)));
        });
    }

    /**
     * The user's state after their last event stored at or before {@code at}, rebuilt by the aggregate's event
     * sourcing handlers from the event store (never from a snapshot or the read model).
     */
    public UserStateAt stateAt(String userId, Instant at) {
        List<? extends DomainEventMessage<?>> upTo = eventStore.readEvents(userId, 0).asStream()
                .takeWhile(event -> !event.getTimestamp().isAfter(at))
                .toList();
        if (upTo.isEmpty()) {
            throw new UnknownUserException(eventStore.lastSequenceNumberFor(userId).isPresent()
                    ? "The user had no stored event yet at " + at + "."
                    : "No user with this id has any stored event.");
        }
        UserReplay.Replayed<JsonNode> replayed = UserReplay.replay(DomainEventStream.of(upTo), this::stateTree)
                .orElseThrow();
        DomainEventMessage<?> last = upTo.get(upTo.size() - 1);
        return new UserStateAt(userId, at.toString(), replayed.lastSequence(), last.getTimestamp().toString(),
                Redaction.redact(replayed.state()));
    }

    /** Walks every user's chain. */
    public VerificationReport verifyAll() {
        List<String> users = jdbc.execute((ConnectionCallback<List<String>>) EventChainStore::users);
        long events = 0;
        long broken = 0;
        ChainVerification firstBroken = null;
        for (String user : users) {
            ChainVerification verification = verifyChain(user);
            events += verification.eventsChecked();
            if (!verification.intact()) {
                broken++;
                if (firstBroken == null) {
                    firstBroken = verification;
                }
            }
        }
        return new VerificationReport(broken == 0, events, users.size(), broken,
                firstBroken == null ? null : firstBroken.brokenLink());
    }

    /** Walks one user's chain. */
    public VerificationReport verifyUser(String userId) {
        ChainVerification verification = verifyChain(userId);
        if (verification.intact() && verification.eventsChecked() == 0) {
            throw new UnknownUserException("No user with this id has any stored event or chain link.");
        }
        return new VerificationReport(verification.intact(), verification.eventsChecked(), 1,
                verification.intact() ? 0 : 1, verification.brokenLink());
    }

    private ChainVerification verifyChain(String user) {
        return snapshotRead.execute(status -> jdbc.execute((ConnectionCallback<ChainVerification>) connection ->
                ChainVerifier.verify(user, EventChainStore.events(connection, user),
                        EventChainStore.links(connection, user), EventChainStore.head(connection, user))));
    }

    private JsonNode stateTree(Object aggregate) {
        try {
            return JSON.readTree(axonObjectMapper.writeValueAsBytes(aggregate));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AuditEvent auditEvent(StoredEvent event) {
        JsonNode metadata = tree(event.metaData());
        String type = event.payloadType();
        return new AuditEvent(event.globalIndex(), event.aggregateIdentifier(), event.sequenceNumber(),
                event.timeStamp(), type.substring(type.lastIndexOf('.') + 1), Redaction.redact(tree(event.payload())),
                new AuditEvent.RequestMetadata(text(metadata, RequestMetadataInterceptor.REQUEST_ID),
                        text(metadata, RequestMetadataInterceptor.CLIENT_ADDRESS),
                        text(metadata, RequestMetadataInterceptor.USER_AGENT),
                        text(metadata, RequestMetadataInterceptor.ACTING_USER_ID)));
    }

    private static JsonNode tree(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? JsonNodeFactory.instance.nullNode() : JSON.readTree(bytes);
    }

    private static String text(JsonNode metadata, String key) {
        JsonNode value = metadata.get(key);
        return value == null || value.isNull() ? null : value.asString();
    }
}
