package dev.authsvc.query.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.events.data.AccountLockedData;
import dev.authsvc.events.data.PhoneNumberChangedData;
import dev.authsvc.events.data.SessionsRevokedData;
import dev.authsvc.query.event.UserEventReader.UnreadableEventException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserEventReaderTest {

    private final UserEventReader reader = new UserEventReader();

    @Test
    void readsTheEnvelopeAndItsDataAsTheContractsRecord() {
        UserEvent event = reader.read("""
                {"event_id": "e1", "type": "SessionsRevoked", "schema_version": 1, "user_id": "u1", "sequence": 7,
                 "occurred_at": "2026-11-01T10:00:00Z",
                 "data": {"session_ids": ["s1", "s2"], "reason": "password_reset"}}""").orElseThrow();

        assertThat(event.userId()).isEqualTo("u1");
        assertThat(event.sequence()).isEqualTo(7);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(event.data()).isEqualTo(new SessionsRevokedData(List.of("s1", "s2"), "password_reset"));
    }

    @Test
    void nullsAndFieldsAddedLaterAreFine() {
        UserEvent event = reader.read("""
                {"event_id": "e1", "type": "PhoneNumberChanged", "schema_version": 1, "user_id": "u1", "sequence": 2,
                 "occurred_at": "2026-11-01T10:00:00Z", "trace": "x",
                 "data": {"previous_phone_number": null, "phone_number": "+15550001111", "carrier": "x"}}""")
                .orElseThrow();

        assertThat(event.data()).isEqualTo(new PhoneNumberChangedData(null, "+15550001111"));
    }

    @Test
    void timesWrittenAsNumbersAreRead() {
        UserEvent event = reader.read("""
                {"event_id": "e1", "type": "AccountLocked", "schema_version": 1, "user_id": "u1", "sequence": 2,
                 "occurred_at": 1793527200.000000000, "data": {"locked_until": "2026-11-01T10:15:00Z"}}""")
                .orElseThrow();

        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1793527200L));
        // Published before until_password_reset existed: absent, read as a timed lock.
        assertThat(event.data()).isEqualTo(new AccountLockedData(Instant.parse("2026-11-01T10:15:00Z"), null));
        assertThat(((AccountLockedData) event.data()).untilReset()).isFalse();
    }

    @Test
    void aTypeAddedLaterReadsAsNothing() {
        assertThat(reader.read("""
                {"event_id": "e1", "type": "AvatarChanged", "schema_version": 1, "user_id": "u1", "sequence": 2,
                 "occurred_at": "2026-11-01T10:00:00Z", "data": {"avatar": "cat.png"}}""")).isEmpty();
    }

    @Test
    void whatIsNotAnEnvelopeIsUnreadable() {
        for (String value : List.of("not json", "[]", "{}", "{\"type\": \"UserRegistered\"}",
                "{\"event_id\": \"e\", \"type\": \"UserRegistered\", \"user_id\": \"u\", \"sequence\": -1, "
                        + "\"occurred_at\": \"2026-11-01T10:00:00Z\"}",
                "{\"event_id\": \"e\", \"type\": \"AccountLocked\", \"user_id\": \"u\", \"sequence\": 1, "
                        + "\"occurred_at\": \"2026-11-01T10:00:00Z\", \"data\": {\"locked_until\": \"soon\"}}")) {
            assertThatThrownBy(() -> reader.read(value)).as(value).isInstanceOf(UnreadableEventException.class);
        }
        assertThatThrownBy(() -> reader.read(null)).isInstanceOf(UnreadableEventException.class);
    }
}
