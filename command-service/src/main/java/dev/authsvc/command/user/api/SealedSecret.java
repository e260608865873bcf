package dev.authsvc.command.user.api;

import java.util.Objects;

/**
 * A value the notifier must deliver (an OTP, a reset or verification token), encrypted with AES-256-GCM under
 * the key named by {@code keyId}. {@code ciphertext} is base64url of IV, ciphertext and tag. Only the
 * command-service and the notifier hold the key, so events carrying this can be read by anyone else safely.
 * {@code version} is the events module's sealed-value format: 2 for a value bound to its user, event type, field
 * and recipient; {@code null} in events stored before values were bound (key id only).
 */
public record SealedSecret(String keyId, String ciphertext, Integer version) {

    public SealedSecret {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }
}
