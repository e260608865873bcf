package dev.authsvc.command.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each kind of tampering with a stored user history is found, at the right sequence, and named. */
class ChainVerifierTest {

    private static final String USER = "user-1";

    private final List<StoredEvent> events = new ArrayList<>();
    private final List<ChainLink> links = new ArrayList<>();
    private ChainHead head;

    ChainVerifierTest() {
        String previous = EventChainHasher.GENESIS;
        for (int sequence = 0; sequence < 4; sequence++) {
            StoredEvent event = event(sequence, "event-" + sequence, "{\"n\":" + sequence + "}",
                    "2026-12-06T0" + sequence + ":00:00Z");
            ChainLink link = EventChainHasher.link(event, previous);
            events.add(event);
            links.add(link);
            previous = link.hash();
            head = new ChainHead(USER, sequence, link.hash());
        }
    }

    private static StoredEvent event(long sequence, String id, String payload, String time) {
        return new StoredEvent(100 + sequence, id, USER, sequence, "User", "dev.example.Happened", null, time,
                payload.getBytes(StandardCharsets.UTF_8), "{\"request_id\":\"r\"}".getBytes(StandardCharsets.UTF_8));
    }

    private ChainVerification verify() {
        return ChainVerifier.verify(USER, events, links, Optional.ofNullable(head));
    }

    @Test
    void anUntouchedHistory_isIntact() {
        ChainVerification verification = verify();

        assertThat(verification.intact()).isTrue();
        assertThat(verification.eventsChecked()).isEqualTo(4);
    }

    @Test
    void anEditedPayload_isNamedAtItsSequence() {
        StoredEvent original = events.get(1);
        events.set(1, event(1, original.eventIdentifier(), "{\"n\":42}", original.timeStamp()));

        assertThat(verify().brokenLink()).extracting(BrokenLink::userId, BrokenLink::sequence, BrokenLink::what)
                .containsExactly(USER, 1L, ChainVerifier.PAYLOAD);
    }

    @Test
    void anEditedTimeStamp_isNamedAsContent() {
        StoredEvent original = events.get(2);
        events.set(2, event(2, original.eventIdentifier(), "{\"n\":2}", "2020-01-01T00:00:00Z"));

        assertThat(verify().brokenLink()).extracting(BrokenLink::sequence, BrokenLink::what)
                .containsExactly(2L, ChainVerifier.CONTENT);
    }

    @Test
    void aDeletedEvent_isNamedAsMissing() {
        events.remove(1);

        assertThat(verify().brokenLink()).extracting(BrokenLink::sequence, BrokenLink::what)
                .containsExactly(1L, ChainVerifier.MISSING_EVENT);
    }

    @Test
    void aDeletedEventWithItsLink_isNamedAsAGap() {
        events.remove(1);
        links.remove(1);

        assertThat(verify().brokenLink()).extracting(BrokenLink::sequence, BrokenLink::what)
                .containsExactly(1L, ChainVerifier.SEQUENCE_GAP);
    }

    @Test
    void twoEventsSwapped_areNamedAsReordered() {
        StoredEvent first = events.get(1);
        StoredEvent second = events.get(2);
        events.set(1, event(1, second.eventIdentifier(), "{\"n\":2}", second.timeStamp()));
        events.set(2, event(2, first.eventIdentifier(), "{\"n\":1}", first.timeStamp()));

        assertThat(verify().brokenLink()).extracting(BrokenLink::sequence, BrokenLink::what)
                .containsExactly(1L, ChainVerifier.EVENT_IDENTIFIER);
    }

    @Test
    void aChainCutShort_isNamedWhereTheEventsNowEnd() {
        events.remove(3);
        links.remove(3);

        assertThat(verify().brokenLink()).extracting(BrokenLink::sequence, BrokenLink::what)
                .containsExactly(3L, ChainVerifier.CUT_SHORT);
    }

    @Test
    void anEventStoredWithoutALink_isNamed() {
        events.add(event(4, "event-4", "{\"n\":4}", "2026-12-06T05:00:00Z"));

        assertThat(verify().brokenLink()).extracting(BrokenLink::sequence, BrokenLink::what)
                .containsExactly(4L, ChainVerifier.MISSING_LINK);
    }

    @Test
    void aLinkRechainedOnAnotherPredecessor_isNamed() {
        ChainLink original = links.get(2);
        links.set(2, EventChainHasher.link(events.get(2), EventChainHasher.GENESIS));
        head = new ChainHead(USER, 3, links.get(3).hash());

        assertThat(original.previousHash()).isNotEqualTo(EventChainHasher.GENESIS);
        assertThat(verify().brokenLink()).extracting(BrokenLink::sequence, BrokenLink::what)
                .containsExactly(2L, ChainVerifier.PREVIOUS_HASH);
    }

    @Test
    void theHash_coversEveryFieldAndThePreviousHash() {
        StoredEvent event = events.get(0);
        String hash = EventChainHasher.link(event, EventChainHasher.GENESIS).hash();

        assertThat(EventChainHasher.link(event, "1".repeat(64)).hash()).isNotEqualTo(hash);
        assertThat(EventChainHasher.link(new StoredEvent(999, event.eventIdentifier(), USER, 0, "User",
                event.payloadType(), null, event.timeStamp(), event.payload(), event.metaData()), EventChainHasher.GENESIS)
                .hash()).as("the global index is left out: the database assigns it").isEqualTo(hash);
        assertThat(EventChainHasher.link(new StoredEvent(100, event.eventIdentifier(), USER, 0, "User",
                event.payloadType(), "2", event.timeStamp(), event.payload(), event.metaData()), EventChainHasher.GENESIS)
                .hash()).isNotEqualTo(hash);
    }
}
