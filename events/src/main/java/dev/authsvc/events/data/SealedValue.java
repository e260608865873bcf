package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A code or token sealed with AES-256-GCM under the key {@code key_id}, which only the command-service and the
 * notifier hold. {@code ciphertext} is base64url (no padding) of the 12-byte IV, the ciphertext and the tag;
 * the key id is the additional authenticated data.
 */
public record SealedValue(@JsonProperty("key_id") String keyId, @JsonProperty("ciphertext") String ciphertext) {
}
