package dev.authsvc.command.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.secret.SecretSealer;
import dev.authsvc.command.user.api.EmailVerificationRequested;
import dev.authsvc.command.user.api.OtpRequested;
import dev.authsvc.command.user.api.PasswordResetRequested;
import dev.authsvc.command.user.api.PhoneChangeRequested;
import dev.authsvc.command.user.api.SealedSecret;
import dev.authsvc.events.data.EmailVerificationRequestedData;
import dev.authsvc.events.data.OtpRequestedData;
import dev.authsvc.events.data.PasswordResetRequestedData;
import dev.authsvc.events.data.PhoneChangeRequestedData;
import dev.authsvc.events.seal.SealContext;
import dev.authsvc.testsupport.HttpApiTestSupport;
import dev.authsvc.testsupport.TestDatabase;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests that drive command-service over real HTTP on a random port, with its database (H2, or
 * PostgreSQL when {@code AUTH_TEST_POSTGRES_URL} is set) and a real JWK Set server. Subclasses share one
 * application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestSupport extends HttpApiTestSupport {

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestSecrets.register(registry);
    }

    @LocalServerPort
    protected int port;

    @Override
    protected int port() {
        return port;
    }

    @Autowired
    protected EventStore eventStore;

    @Autowired
    protected SecretSealer sealer;

    protected Response internalPost(String path, String json) {
        return send(request(path).header("X-Service-Credential", TestSecrets.SERVICE_CREDENTIAL)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A password login as query-service asks for it: {@code POST /internal/verify/password}. */
    protected Response passwordLogin(String email, String password) {
        return internalPost("/internal/verify/password",
                "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password));
    }

    /**
     * Sends {@code count} requests ({@code call} gets each one's index) released at the same moment, each on a
     * thread of its own; answers them in the order sent, each within {@code bound}.
     */
    protected static List<Response> atOnce(int count, Duration bound, IntFunction<Response> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                answers.add(threads.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get(bound.toMillis(), TimeUnit.MILLISECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Registers a user with unique contacts; returns its id. */
    protected String registerUser(String email, String phone, String password) {
        Response response = post("/register", """
                {"first_name": "Test", "last_name": "User", "email": "%s", "phone_number": "%s",
                 "password": "%s", "role": "employee"}""".formatted(email, phone, password));
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.text("user_id");
    }

    protected static String uniqueEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    protected static String uniquePhone() {
        long digits = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L) + 1_000_000_000L;
        return "+1" + digits;
    }

    protected List<DomainEventMessage<?>> events(String userId) {
        // From sequence 0, not from the latest snapshot: tests want the whole history.
        return eventStore.readEvents(userId, 0).asStream().<DomainEventMessage<?>>map(event -> event).toList();
    }

    protected <T> List<T> events(String userId, Class<T> type) {
        return events(userId).stream()
                .filter(event -> type.isInstance(event.getPayload()))
                .map(event -> type.cast(event.getPayload()))
                .toList();
    }

    /** Opens the latest sealed value of this event type, as the notifier will: bound to the user and recipient. */
    protected <T> String latestSealed(String userId, Class<T> type, Function<T, SealedSecret> sealed,
            Function<T, SealContext> context) {
        List<T> matching = events(userId, type);
        assertThat(matching).as("a %s event for %s", type.getSimpleName(), userId).isNotEmpty();
        T latest = matching.get(matching.size() - 1);
        return sealer.open(sealed.apply(latest), context.apply(latest));
    }

    protected String latestOtp(String userId) {
        return latestSealed(userId, OtpRequested.class, OtpRequested::sealedCode,
                e -> OtpRequestedData.sealContext(e.userId(), e.phoneNumber()));
    }

    protected String latestResetToken(String userId) {
        return latestSealed(userId, PasswordResetRequested.class, PasswordResetRequested::sealedToken,
                e -> PasswordResetRequestedData.sealContext(e.userId(), e.email()));
    }

    protected String latestEmailToken(String userId) {
        return latestSealed(userId, EmailVerificationRequested.class, EmailVerificationRequested::sealedToken,
                e -> EmailVerificationRequestedData.sealContext(e.userId(), e.email()));
    }

    protected String latestPhoneChangeCode(String userId) {
        return latestSealed(userId, PhoneChangeRequested.class, PhoneChangeRequested::sealedCode,
                e -> PhoneChangeRequestedData.sealContext(e.userId(), e.newPhoneNumber()));
    }

    /** Logs in with a code over the internal endpoint; returns the answer's body. */
    protected JsonNode loginWithOtp(String userId, String phone) {
        assertThat(post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(phone)).status()).isEqualTo(200);
        Response login = internalPost("/internal/verify/otp",
                "{\"phone_number\": \"%s\", \"otp\": \"%s\"}".formatted(phone, latestOtp(userId)));
        assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
        return login.body();
    }
}
