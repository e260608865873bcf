package dev.authsvc.notifier.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.OtpRequestedData;
import dev.authsvc.notifier.delivery.PermanentDeliveryException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserEventReaderTest {

    private final UserEventReader reader = new UserEventReader();

    @Test
    void readsAnEnvelopeAndItsData_ignoringFieldsAddedLaterInV1() {
        UserEventEnvelope event = reader.read("""
                {"event_id": "e1", "type": "OtpRequested", "schema_version": 1, "user_id": "u1", "sequence": 7,
                 "occurred_at": "2030-01-01T00:00:00Z", "added_later": {"x": 1},
                 "data": {"phone_number": "+14155550123", "expires_at": "2030-01-01T00:05:00Z",
                          "sealed_code": {"key_id": "k1", "ciphertext": "abc"}, "channel_hint": "sms"}}
                """);

        OtpRequestedData data = reader.data(event, OtpRequestedData.class);

        assertThat(event.sequence()).isEqualTo(7);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(data.phoneNumber()).isEqualTo("+14155550123");
        assertThat(data.sealedCode().keyId()).isEqualTo("k1");
        assertThat(data.expiresAt()).isEqualTo(Instant.parse("2030-01-01T00:05:00Z"));
    }

    @Test
    void anUnreadableRecord_isAPermanentFailure_whoseReasonQuotesNoContent() {
        assertThatThrownBy(() -> reader.read("{\"event_id\": \"e1\", \"phone\": \"+14155550123\""))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageStartingWith("malformed event")
                .hasMessageNotContaining("+14155550123");
        assertThatThrownBy(() -> reader.read(null)).isInstanceOf(PermanentDeliveryException.class);
        assertThatThrownBy(() -> reader.read("{\"type\": \"OtpRequested\"}"))
                .isInstanceOf(PermanentDeliveryException.class);
    }
}
