package dev.authsvc.command.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Stands in for the query side's token authority until it exists: an ES256 key whose public half a real HTTP
 * server (WireMock) serves as a JWK Set, and access tokens signed with it.
 */
public final class TestTokens {

    public static final String ISSUER = "http://127.0.0.1:5000";
    public static final String AUDIENCE = "authsvc";
    public static final String JWKS_PATH = "/.well-known/jwks.json";

    private static final ECKey KEY = generate("test-key-1");
    private static final WireMockServer JWKS_SERVER = startJwksServer();

    private TestTokens() {
    }

    public static String jwkSetUri() {
        return "http://127.0.0.1:" + JWKS_SERVER.port() + JWKS_PATH;
    }

    /** A valid access token for this user and session. */
    public static String accessToken(String userId, String sessionId) {
        return accessToken(userId, sessionId, claims -> claims);
    }

    /** An access token whose claims the caller may change (issuer, audience, expiry...). */
    public static String accessToken(String userId, String sessionId, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(KEY, change.apply(defaultClaims(userId, sessionId)).build());
    }

    /** A well-formed ES256 token signed by a key the JWK Set does not hold. */
    public static String forgedAccessToken(String userId, String sessionId) {
        return sign(generate(KEY.getKeyID()), defaultClaims(userId, sessionId).build());
    }

    private static JWTClaimsSet.Builder defaultClaims(String userId, String sessionId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString())
                .claim("sid", sessionId)
                .claim("role", "employee");
    }

    private static String sign(ECKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generate(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WireMockServer startJwksServer() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(KEY.toPublicJWK()).toString())));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }
}
