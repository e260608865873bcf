package dev.authsvc.query.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEvents;
import dev.authsvc.query.token.key.SigningKey;
import dev.authsvc.query.token.key.SigningKeys;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MeIT extends QueryServiceTestSupport {

    @Autowired
    SigningKeys keys;

    @Test
    void me_answersTheCallersProfileFromUserView_withoutSecrets() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = registeredUser(email, phone);
        LoggedIn login = login(userId, email, phone);

        Response me = get("/me", login.accessToken());

        assertThat(me.status()).as(me.raw().body()).isEqualTo(200);
        assertThat(me.text("user_id")).isEqualTo(userId);
        assertThat(me.text("email")).isEqualTo(email);
        assertThat(me.text("phone_number")).isEqualTo(phone);
        assertThat(me.text("first_name")).isEqualTo("Ada");
        assertThat(me.text("role")).isEqualTo("employee");
        assertThat(me.body().get("email_verified").asBoolean()).isFalse();
        assertThat(me.body().has("last_sequence")).isFalse();
        assertThat(me.body().has("password")).isFalse();
    }

    @Test
    void noTokenOrAGarbledOne_is401WithWwwAuthenticate() {
        Response none = get("/me");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
        assertThat(none.text("error")).isEqualTo("A valid access token is required.");

        Response garbled = get("/me", "not.a.token");
        assertThat(garbled.status()).isEqualTo(401);
        assertThat(garbled.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(send(request("/me").header("Authorization", "Basic dXNlcjpwYXNz").GET()).status()).isEqualTo(401);
    }

    @Test
    void forgedAlgNoneHmacExpiredAndMisaddressedTokens_are401() {
        LoggedIn login = login();
        String userId = login.verified().userId();
        String sessionId = login.verified().sessionId();
        SigningKey ours = keys.active();

        KeyPair stranger = Jwts.SIG.ES256.keyPair().build();
        String forged = claims(userId, sessionId, UnaryOperator.identity())
                .header().keyId(ours.kid()).and()
                .signWith(stranger.getPrivate(), Jwts.SIG.ES256).compact();
        String algNone = claims(userId, sessionId, UnaryOperator.identity())
                .header().keyId(ours.kid()).and()
                .compact();
        String hmac = claims(userId, sessionId, UnaryOperator.identity())
                .header().keyId(ours.kid()).and()
                .signWith(new SecretKeySpec(ours.publicJwk().getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                        Jwts.SIG.HS256)
                .compact();
        String wrongAudience = ours(ours, userId, sessionId, builder -> builder.audience().single("someone-else"));
        String wrongIssuer = ours(ours, userId, sessionId, builder -> builder.issuer("https://evil.example"));
        String genuine = ours(ours, userId, sessionId, UnaryOperator.identity());

        assertThat(get("/me", genuine).status()).as("the control: our key, right claims").isEqualTo(200);
        for (String token : List.of(forged, algNone, hmac, wrongAudience, wrongIssuer)) {
            assertThat(get("/me", token).status()).isEqualTo(401);
        }
        assertThat(algNone).as("an unsecured JWT: no signature").endsWith(".");
    }

    @Test
    void anExpiredToken_is401() {
        LoggedIn login = login();
        assertThat(get("/me", login.accessToken()).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(16));

        assertThat(get("/me", login.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void theTokenOfALoggedOutSession_is401() {
        LoggedIn login = login();

        assertThat(post("/logout", "", login.accessToken()).status()).isEqualTo(200);

        assertThat(get("/me", login.accessToken()).status()).isEqualTo(401);
    }

    private String ours(SigningKey key, String userId, String sessionId, UnaryOperator<JwtBuilder> change) {
        return change.apply(claims(userId, sessionId, UnaryOperator.identity()))
                .header().keyId(key.kid()).and()
                .signWith(key.privateKey(), Jwts.SIG.ES256)
                .compact();
    }

    private JwtBuilder claims(String userId, String sessionId, UnaryOperator<JwtBuilder> change) {
        Instant now = clock.instant();
        return change.apply(Jwts.builder()
                .issuer(ISSUER)
                .subject(userId)
                .audience().add(AUDIENCE).and()
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(Duration.ofMinutes(15))))
                .id(UUID.randomUUID().toString())
                .claim("sid", sessionId)
                .claim("role", "admin"));
    }
}
