package dev.authsvc.notifier.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.OtpRequestedData;
import dev.authsvc.notifier.delivery.PermanentDeliveryException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the notifier reads a record with the contract's reader, and what an unreadable one becomes. */
class ReadingRecordsTest {

    @Test
    void readsAnEnvelopeAndItsData_ignoringFieldsAddedLaterInV1() {
        UserEventEnvelope event = UserEventHandler.read("""
                {"event_id": "e1", "type": "OtpRequested", "schema_version": 1, "user_id": "u1", "sequence": 7,
                 "occurred_at": "2030-01-01T00:00:00Z", "added_later": {"x": 1},
                 "data": {"phone_number": "+14155550123", "expires_at": "2030-01-01T00:05:00Z",
                          "sealed_code": {"key_id": "k1", "ciphertext": "abc"}, "channel_hint": "sms"}}
                """).orElseThrow();

        OtpRequestedData data = (OtpRequestedData) event.data();

        assertThat(event.sequence()).isEqualTo(7);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(data.phoneNumber()).isEqualTo("+14155550123");
        assertThat(data.sealedCode().keyId()).isEqualTo("k1");
        assertThat(data.expiresAt()).isEqualTo(Instant.parse("2030-01-01T00:05:00Z"));
    }

    @Test
    void aTypeAddedLater_isNoFailure_butNothingToDo() {
        assertThat(UserEventHandler.read("""
                {"event_id": "e1", "type": "TenantChanged", "schema_version": 1, "user_id": "u1", "sequence": 7,
                 "occurred_at": "2030-01-01T00:00:00Z", "data": {"role": "admin"}}""")).isEmpty();
    }

    @Test
    void anUnreadableRecord_isAPermanentFailure_whoseReasonQuotesNoContent() {
        assertThatThrownBy(() -> UserEventHandler.read("{\"event_id\": \"e1\", \"phone\": \"+14155550123\""))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageStartingWith("malformed event")
                .hasMessageNotContaining("+14155550123");
        assertThatThrownBy(() -> UserEventHandler.read(null)).isInstanceOf(PermanentDeliveryException.class);
        assertThatThrownBy(() -> UserEventHandler.read("{\"type\": \"OtpRequested\"}"))
                .isInstanceOf(PermanentDeliveryException.class);
    }
}
