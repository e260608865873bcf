package dev.authsvc.command.user.api;

import java.util.Objects;

/**
 * A value the notifier must deliver (an OTP, a reset or verification token), encrypted with AES-256-GCM under
 * the key named by {@code keyId}. {@code ciphertext} is base64url of IV, ciphertext and tag. Only the
 * command-service and the notifier hold the key, so events carrying this can be read by anyone else safely.
 */
public record SealedSecret(String keyId, String ciphertext) {

    public SealedSecret {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }
}
