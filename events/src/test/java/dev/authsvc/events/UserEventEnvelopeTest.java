package dev.authsvc.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserEventEnvelopeTest {

    @Test
    void dataIsCopiedSoTheEnvelopeCannotChangeAfterwards() {
        Map<String, Object> data = new HashMap<>(Map.of("role", "employee"));
        UserEventEnvelope envelope = new UserEventEnvelope("e1", "UserRegistered", 1, "u1", 0, Instant.EPOCH, data);

        data.put("role", "admin");

        assertThat(envelope.data()).containsEntry("role", "employee");
    }

    @Test
    void aNegativeSequenceIsRejected() {
        assertThatThrownBy(() -> new UserEventEnvelope("e1", "UserRegistered", 1, "u1", -1, Instant.EPOCH, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
