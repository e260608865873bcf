package dev.authsvc.command.audit.chain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Walks one user's chain against the stored events: each sequence number from 0 must have an event and a link,
 * the link must name that event, its digests must match the stored bytes, it must point to the link before, its
 * hash must be the hash of the event as stored, and the head must be the last link. The first thing that does not
 * hold is named.
 */
public final class ChainVerifier {

    /** Sequence numbers jump: events and their links were deleted from the middle of the chain. */
    public static final String SEQUENCE_GAP = "sequence_gap";
    /** A link without its event: the event was deleted. */
    public static final String MISSING_EVENT = "missing_event";
    /** An event without a link: it was written around the service, or its link was deleted. */
    public static final String MISSING_LINK = "missing_link";
    /** Another event stands at this sequence number than the one chained there: events were reordered or replaced. */
    public static final String EVENT_IDENTIFIER = "event_identifier";
    public static final String PAYLOAD = "payload";
    public static final String META_DATA = "meta_data";
    /** The link does not point to the link before it. */
    public static final String PREVIOUS_HASH = "previous_hash";
    /** The time stamp, the types or the identifiers differ from what was hashed, or the hash was rewritten. */
    public static final String CONTENT = "content";
    /** The head says the chain went further than the stored events: the user's last events were deleted. */
    public static final String CUT_SHORT = "cut_short";
    /** The head is missing, behind the last link, or holds another hash. */
    public static final String HEAD = "head";

    private ChainVerifier() {
    }

    public static ChainVerification verify(String user, List<StoredEvent> events, List<ChainLink> links,
            Optional<ChainHead> head) {
        Map<Long, StoredEvent> eventAt = new TreeMap<>();
        events.forEach(event -> eventAt.put(event.sequenceNumber(), event));
        Map<Long, ChainLink> linkAt = new TreeMap<>();
        links.forEach(link -> linkAt.put(link.sequenceNumber(), link));
        TreeSet<Long> sequences = new TreeSet<>(eventAt.keySet());
        sequences.addAll(linkAt.keySet());

        long expected = 0;
        String previous = EventChainHasher.GENESIS;
        for (long sequence : sequences) {
            if (sequence != expected) {
                return broken(user, events, expected, SEQUENCE_GAP, "Sequence numbers jump from " + (expected - 1)
                        + " to " + sequence + ": events were deleted with their links.");
            }
            StoredEvent event = eventAt.get(sequence);
            ChainLink link = linkAt.get(sequence);
            if (link == null) {
                return broken(user, events, sequence, MISSING_LINK, "Event " + event.eventIdentifier()
                        + " has no link: it was stored around the service, or its link was deleted.");
            }
            if (event == null) {
                return broken(user, events, sequence, MISSING_EVENT, "The chain holds event " + link.eventIdentifier()
                        + " here, but the store has no event at this sequence: it was deleted.");
            }
            if (!link.eventIdentifier().equals(event.eventIdentifier())) {
                return broken(user, events, sequence, EVENT_IDENTIFIER, "The chain holds event "
                        + link.eventIdentifier() + " here, the store event " + event.eventIdentifier()
                        + ": events were reordered or replaced.");
            }
            String payloadDigest = EventChainHasher.digest(event.payload());
            if (!payloadDigest.equals(link.payloadDigest())) {
                return broken(user, events, sequence, PAYLOAD, "The stored payload is not the one chained: it was edited.");
            }
            String metaDataDigest = EventChainHasher.digest(event.metaData());
            if (!metaDataDigest.equals(link.metaDataDigest())) {
                return broken(user, events, sequence, META_DATA, "The stored metadata is not what was chained: it was edited.");
            }
            if (!previous.equals(link.previousHash())) {
                return broken(user, events, sequence, PREVIOUS_HASH,
                        "The link does not point to the link before it: links were rewritten or reordered.");
            }
            if (!EventChainHasher.hash(event, payloadDigest, metaDataDigest, previous).equals(link.hash())) {
                return broken(user, events, sequence, CONTENT, "The time stamp, type or identifiers of the event "
                        + "differ from what was chained, or its hash was rewritten.");
            }
            previous = link.hash();
            expected = sequence + 1;
        }
        if (head.isEmpty()) {
            return sequences.isEmpty() ? new ChainVerification(user, 0, null)
                    : broken(user, events, expected - 1, HEAD, "The chain has no head: it was deleted.");
        }
        ChainHead last = head.get();
        if (last.sequenceNumber() >= expected) {
            return broken(user, events, expected, CUT_SHORT, "The chain reached sequence " + last.sequenceNumber()
                    + ", but the stored events end " + (expected == 0 ? "before the first" : "at " + (expected - 1))
                    + ": the last events were deleted.");
        }
        if (last.sequenceNumber() != expected - 1 || !last.hash().equals(previous)) {
            return broken(user, events, last.sequenceNumber(), HEAD,
                    "The head is not the last link of the chain: it was rewritten.");
        }
        return new ChainVerification(user, events.size(), null);
    }

    private static ChainVerification broken(String user, List<StoredEvent> events, long sequence, String what,
            String detail) {
        return new ChainVerification(user, events.size(), new BrokenLink(user, sequence, what, detail));
    }
}
