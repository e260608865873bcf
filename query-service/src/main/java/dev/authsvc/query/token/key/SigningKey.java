package dev.authsvc.query.token.key;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;

/**
 * An ES256 key pair with its key id (the RFC 7638 thumbprint of the public key) and the public JWK as served.
 * {@link #toString()} leaves the private key out.
 */
public record SigningKey(String kid, ECPrivateKey privateKey, ECPublicKey publicKey, String publicJwk,
        Instant createdAt, Instant retiredAt) {

    public boolean retired() {
        return retiredAt != null;
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", createdAt=" + createdAt + ", retiredAt=" + retiredAt + "]";
    }
}
