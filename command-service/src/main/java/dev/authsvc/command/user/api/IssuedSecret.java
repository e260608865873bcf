package dev.authsvc.command.user.api;

import java.util.Objects;

/**
 * A freshly generated secret as a command carries it: its keyed hash (HMAC-SHA256 under the pepper, hex), which
 * the aggregate keeps to compare against later, and the sealed value for the notifier. The plaintext is not here.
 */
public record IssuedSecret(String hash, SealedSecret sealed) {

    public IssuedSecret {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(sealed, "sealed");
    }
}
