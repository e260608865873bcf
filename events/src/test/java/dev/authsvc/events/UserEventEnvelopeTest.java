package dev.authsvc.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    void dataKeepsTheOrderOfItsFields() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("first_name", "Ada");
        data.put("last_name", "Lovelace");
        data.put("email", "ada@example.com");

        UserEventEnvelope envelope = new UserEventEnvelope("e1", "UserRegistered", 1, "u1", 0, Instant.EPOCH, data);

        assertThat(envelope.data().keySet()).containsExactly("first_name", "last_name", "email");
        assertThatThrownBy(() -> envelope.data().put("role", "admin")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNegativeSequenceIsRejected() {
        assertThatThrownBy(() -> new UserEventEnvelope("e1", "UserRegistered", 1, "u1", -1, Instant.EPOCH, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
