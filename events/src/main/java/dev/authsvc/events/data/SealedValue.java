package dev.authsvc.events.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A code or token sealed with AES-256-GCM under the key {@code key_id}, which only the command-service and the
 * notifier hold. {@code ciphertext} is base64url (no padding) of the 12-byte IV, the ciphertext and the tag.
 *
 * <p>{@code version} says what the associated data is. {@value #BOUND} (every value in an event): the value's
 * context, see {@link dev.authsvc.events.seal.SealContext} and {@link dev.authsvc.events.seal.SealedValueCipher}:
 * the key id, user id, event type, field and recipient, so the value opens only in the event it was sealed for.
 * Absent (format 1, values sealed before binding existed and values at rest such as query-service's signing
 * keys): the key id alone; the notifier refuses such a value in an event.
 */
public record SealedValue(
        @JsonProperty("key_id") String keyId,
        @JsonProperty("ciphertext") String ciphertext,
        @JsonProperty("version") Integer version) {

    /** The format whose associated data is the value's context. */
    public static final int BOUND = 2;

    /** A value of format 1, bound to its key id only. */
    public SealedValue(String keyId, String ciphertext) {
        this(keyId, ciphertext, null);
    }

    /** Whether the value was sealed bound to a context ({@value #BOUND}). */
    public boolean bound() {
        return version != null && version == BOUND;
    }
}
