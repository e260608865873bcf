package dev.authsvc.query.token.key;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/** Makes, encodes and reads ES256 keys (P-256) with jjwt. */
final class SigningKeyMaterial {

    static final String ALGORITHM = "ES256";
    private static final int P256_FIELD_SIZE = 256;

    private SigningKeyMaterial() {
    }

    static SigningKey generate(Instant now) {
        KeyPair pair = Jwts.SIG.ES256.keyPair().build();
        return of((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic(), now);
    }

    static SigningKey of(ECPrivateKey privateKey, ECPublicKey publicKey, Instant now) {
        PublicJwk<ECPublicKey> jwk = Jwks.builder().key(publicKey)
                .idFromThumbprint()
                .algorithm(ALGORITHM)
                .publicKeyUse("sig")
                .build();
        return new SigningKey(jwk.getId(), privateKey, publicKey, Jwks.json(jwk), now, null);
    }

    /** A configured key: PKCS#8 as PEM or as base64 of the DER bytes; EC on P-256 only. */
    static SigningKey fromConfiguration(String pkcs8, Instant now) {
        String base64 = pkcs8.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        PrivateKey key;
        try {
            key = decodePrivate(base64);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException("auth.tokens.signing-key (AUTH_TOKENS_SIGNING_KEY) is not a PKCS#8 EC "
                    + "private key in PEM or base64", null);
        }
        if (!(key instanceof ECPrivateKey ec) || ec.getParams().getCurve().getField().getFieldSize() != P256_FIELD_SIZE) {
            throw new IllegalStateException(
                    "auth.tokens.signing-key (AUTH_TOKENS_SIGNING_KEY) must be an EC key on P-256 for ES256");
        }
        return of(ec, publicHalf(ec), now);
    }

    /** The kid of the key pair {@code privateKey} belongs to: the thumbprint of its public half. */
    static String kidOf(ECPrivateKey privateKey) {
        return Jwks.builder().key(publicHalf(privateKey)).idFromThumbprint().build().getId();
    }

    private static ECPublicKey publicHalf(ECPrivateKey privateKey) {
        return Jwks.builder().key(privateKey).build().toPublicJwk().toKey();
    }

    static String encodePrivate(ECPrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    static ECPrivateKey decodePrivate(String base64) throws GeneralSecurityException {
        return (ECPrivateKey) KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    static ECPublicKey decodePublic(String publicJwk) {
        Jwk<?> jwk = Jwks.parser().build().parse(publicJwk);
        return (ECPublicKey) jwk.toKey();
    }
}
