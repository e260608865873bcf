package dev.authsvc.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.events.data.OtpVerifiedData;
import dev.authsvc.events.data.UserRegisteredData;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserEventEnvelopeTest {

    private static final UserRegisteredData REGISTERED = new UserRegisteredData("Ada", "Lovelace", "ada@example.com",
            null, "employee");

    @Test
    void ofNamesTheTypeOfItsDataAndTheCurrentSchemaVersion() {
        UserEventEnvelope envelope = UserEventEnvelope.of("e1", "u1", 0, Instant.EPOCH, REGISTERED);

        assertThat(envelope.type()).isEqualTo(UserRegisteredData.TYPE);
        assertThat(envelope.schemaVersion()).isEqualTo(UserEventEnvelope.SCHEMA_VERSION);
        assertThat(envelope.data()).isSameAs(REGISTERED);
    }

    @Test
    void aTypeThatIsNotTheOneOfTheDataIsRejected() {
        assertThatThrownBy(() -> new UserEventEnvelope("e1", OtpVerifiedData.TYPE, 1, "u1", 0, Instant.EPOCH,
                REGISTERED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEnvelopeWithoutDataIsRejected() {
        assertThatThrownBy(() -> new UserEventEnvelope("e1", OtpVerifiedData.TYPE, 1, "u1", 0, Instant.EPOCH, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aNegativeSequenceIsRejected() {
        assertThatThrownBy(() -> new UserEventEnvelope("e1", "UserRegistered", 1, "u1", -1, Instant.EPOCH, REGISTERED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
