package dev.authsvc.query.token.key;

/**
 * A stored private signing key cannot be opened or read. The message names the key id and the key-encryption
 * key id only, never key material, so it may be logged.
 */
final class SigningKeyUnreadableException extends IllegalStateException {

    SigningKeyUnreadableException(String message) {
        super(message);
    }
}
