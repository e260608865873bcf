package dev.authsvc.notifier.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DevOutboxTest {

    @Test
    void keepsTheNewestEntriesUpToItsCapacity_newestFirst() {
        DevOutbox outbox = new DevOutbox(2);

        outbox.add(entry("e1"));
        outbox.add(entry("e2"));
        outbox.add(entry("e3"));

        assertThat(outbox.entries()).extracting(OutboxEntry::eventId).containsExactly("e3", "e2");
    }

    @Test
    void toString_showsNeitherBodyNorAddress() {
        assertThat(entry("e1").toString()).doesNotContain("123456").doesNotContain("+14155550123");
    }

    private static OutboxEntry entry(String eventId) {
        return new OutboxEntry("sms", "+14155550123", null, "123456 is your code", Instant.now(), eventId);
    }
}
