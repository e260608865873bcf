package dev.authsvc.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.query.user.UserView;
import dev.authsvc.query.user.UserViewRepository;
import dev.authsvc.testsupport.HttpApiTestSupport;
import dev.authsvc.testsupport.TestDatabase;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import java.security.Key;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run query-service whole: on a random port, consuming from a real embedded Kafka
 * broker (KRaft), on its database (H2, or PostgreSQL when {@code AUTH_TEST_POSTGRES_URL} is set), asking a
 * WireMock stand-in for command-service to verify credentials, with a clock the test can move. Subclasses share
 * one application context and one broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 2, topics = UserEventEnvelope.TOPIC, bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = "group.initial.rebalance.delay.ms=0")
@Import({TestClockConfiguration.class, FailingEventHandler.class})
public abstract class QueryServiceTestSupport extends HttpApiTestSupport {

    public static final String ISSUER = "http://127.0.0.1:5000";
    public static final String AUDIENCE = "authsvc";

    private static final String KEY_ENCRYPTION_KEY = randomKey();

    private static TestEventProducer producer;

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        registry.add("auth.command-service.url", CommandServiceStub::url);
        registry.add("auth.internal.credential", () -> CommandServiceStub.CREDENTIAL);
        // Sealed signing keys, as every documented deployment runs.
        registry.add("auth.tokens.key-encryption-key-id", () -> "test1");
        registry.add("auth.tokens.key-encryption-keys.test1", () -> KEY_ENCRYPTION_KEY);
    }

    @LocalServerPort
    protected int port;

    @Override
    protected int port() {
        return port;
    }

    @Autowired
    protected TestClock clock;

    @Autowired
    protected UserViewRepository users;

    @Value("${spring.kafka.bootstrap-servers}")
    protected String bootstrapServers;

    @BeforeEach
    void openProducer() {
        if (producer == null) {
            producer = new TestEventProducer(bootstrapServers, UserEventEnvelope.TOPIC);
        }
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    protected void publish(UserEventEnvelope... envelopes) {
        producer.send(envelopes);
    }

    protected void publishRaw(String key, String value) {
        producer.sendRaw(key, value);
    }

    /** Waits until the user's row satisfies the condition. */
    protected UserView awaitUser(String userId, Predicate<UserView> condition) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> users.find(userId), found -> found.isPresent() && condition.test(found.get()))
                .orElseThrow();
    }

    protected UserView awaitSequence(String userId, long sequence) {
        return awaitUser(userId, user -> user.lastSequence() >= sequence);
    }

    protected Optional<UserView> user(String userId) {
        return users.find(userId);
    }

    /** A login through {@code POST /login}, with what command-service (the stub) answered for it. */
    public record LoggedIn(CommandServiceStub.Verified verified, String accessToken, String refreshToken,
            Response response) {
    }

    /** Registers the user's row through the topic and waits for it, so claims come from user_view. */
    protected String registeredUser(String email, String phone) {
        String userId = TestEvents.uniqueUserId();
        publish(TestEvents.registered(userId, email, phone));
        awaitSequence(userId, 0);
        return userId;
    }

    /** Logs in with a code (command-service stubbed to accept it) and returns the tokens. */
    protected LoggedIn login(String userId, String email, String phone) {
        return login(userId, email, phone, "employee", request("/login"));
    }

    /**
     * Logs in with a code, command-service answering {@code role} in the claims, sending {@code login} (a request
     * to {@code /login} with the headers the test wants: User-Agent, X-Forwarded-For).
     */
    protected LoggedIn login(String userId, String email, String phone, String role, HttpRequest.Builder login) {
        String otp = String.format("%06d", (int) (Math.random() * 1_000_000));
        CommandServiceStub.Verified otpLogin = CommandServiceStub.Verified.otp(userId, email, phone, clock.instant());
        CommandServiceStub.Verified verified = new CommandServiceStub.Verified(userId, otpLogin.sessionId(),
                otpLogin.authTime(), otpLogin.amr(), email, phone, role, otpLogin.emailVerified(),
                otpLogin.phoneVerified());
        CommandServiceStub.acceptOtp(phone, otp, verified);
        Response response = send(login.POST(HttpRequest.BodyPublishers.ofString(
                "{\"phone_number\": \"%s\", \"otp\": \"%s\"}".formatted(phone, otp))));
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return new LoggedIn(verified, response.text("access_token"), response.text("refresh_token"), response);
    }

    /** A new user of {@code role} (in user_view and in command-service's answer), logged in. */
    protected LoggedIn loginAs(String role) {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        String userId = TestEvents.uniqueUserId();
        publish(TestEvents.registered(userId, email, phone, "Ada", "Lovelace", role));
        awaitSequence(userId, 0);
        return login(userId, email, phone, role, request("/login"));
    }

    protected Response delete(String path, String bearer) {
        HttpRequest.Builder builder = request(path).DELETE();
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder);
    }

    protected LoggedIn login() {
        String email = TestEvents.uniqueEmail();
        String phone = TestEvents.uniquePhone();
        return login(registeredUser(email, phone), email, phone);
    }

    protected Response refresh(String refreshToken) {
        return post("/token/refresh", "{\"refresh_token\": \"%s\"}".formatted(refreshToken));
    }

    /** The served JWK Set, read with jjwt. */
    protected JwkSet jwks() {
        Response response = get("/.well-known/jwks.json");
        assertThat(response.status()).isEqualTo(200);
        return Jwks.setParser().build().parse(response.raw().body());
    }

    /** Verifies a token the way another service would: against the served JWK Set, by kid. */
    protected Claims verifyWithJwks(String token) {
        JwkSet set = jwks();
        return Jwts.parser()
                .keyLocator(new LocatorAdapter<Key>() {
                    @Override
                    protected Key locate(JwsHeader header) {
                        return set.getKeys().stream()
                                .filter(jwk -> jwk.getId().equals(header.getKeyId()))
                                .findFirst()
                                .map(jwk -> (Key) jwk.toKey())
                                .orElseThrow(() -> new IllegalStateException("no key " + header.getKeyId()));
                    }
                })
                .requireIssuer(ISSUER)
                .requireAudience(AUDIENCE)
                .clock(() -> Date.from(clock.instant()))
                .build()
                .parseSignedClaims(token)
                .getPayload();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
