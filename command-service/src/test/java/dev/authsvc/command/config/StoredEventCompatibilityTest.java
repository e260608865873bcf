package dev.authsvc.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authsvc.command.user.api.AccountLocked;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Events stored before a field was added still load, through the mapper behind Axon's serializer. */
class StoredEventCompatibilityTest {

    private final ObjectMapper mapper = new AxonConfiguration().axonObjectMapper();

    @Test
    void anAccountLockedStoredBeforeLocksUntilReset_loadsAsATimedLock() throws Exception {
        AccountLocked old = mapper.readValue("""
                {"userId": "u1", "lockedUntil": "2026-11-01T10:15:00Z", "lockedAt": "2026-11-01T10:00:00Z"}""",
                AccountLocked.class);

        assertThat(old).isEqualTo(new AccountLocked("u1", Instant.parse("2026-11-01T10:15:00Z"),
                Instant.parse("2026-11-01T10:00:00Z"), false));
    }

    @Test
    void aLockUntilReset_roundTrips() throws Exception {
        AccountLocked lock = new AccountLocked("u1", null, Instant.parse("2026-11-01T10:00:00Z"), true);

        assertThat(mapper.readValue(mapper.writeValueAsString(lock), AccountLocked.class)).isEqualTo(lock);
    }
}
