package dev.authsvc.standalone.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authsvc.standalone.StandaloneStack;
import dev.authsvc.testsupport.TestBrokers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * What the process-level fault tests share: a real broker (embedded KRaft) on a fixed port, the secrets every
 * service needs (made per test), the settings that wire the services to it, and an HTTP client.
 */
final class FaultStack implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path directory;
    private final EmbeddedKafkaKraftBroker broker;
    private final String kafka;
    private final Map<String, String> secrets;

    FaultStack(Path directory) {
        this.directory = directory;
        int port = TestBrokers.freePort();
        this.broker = TestBrokers.startOnPort(port);
        this.kafka = "127.0.0.1:" + port;
        this.secrets = secrets();
    }

    private static Map<String, String> secrets() {
        SecureRandom random = new SecureRandom();
        Map<String, String> secrets = new HashMap<>();
        secrets.put("AUTH_SECRETS_PEPPER", base64(random));
        secrets.put("AUTH_SECRETS_SEALKEYID", "test1");
        secrets.put("AUTH_SECRETS_SEALKEYS_TEST1", base64(random));
        byte[] credential = new byte[32];
        random.nextBytes(credential);
        secrets.put("AUTH_INTERNAL_CREDENTIAL", HexFormat.of().formatHex(credential));
        secrets.put("AUTH_TOKENS_KEYENCRYPTIONKEYID", "test1");
        secrets.put("AUTH_TOKENS_KEYENCRYPTIONKEYS_TEST1", base64(random));
        return Map.copyOf(secrets);
    }

    private static String base64(SecureRandom random) {
        byte[] value = new byte[32];
        random.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    Path directory() {
        return directory;
    }

    String kafka() {
        return kafka;
    }

    /** The settings every service gets: the broker, the secrets, quick hashing, no call home. */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(secrets);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        // Hashing is not what these tests measure; cost 4 keeps 50 registrations from taking 12 s of CPU.
        environment.put("AUTH_PASSWORD_BCRYPT_COST", "4");
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return environment;
    }

    /**
     * An H2 file database in the test's directory that the test can read while the service runs, written as the
     * standalone stack writes that service's ({@link StandaloneStack#h2WriteDelayMillis}): with H2's default
     * (committed transactions reach the file up to 500 ms later) a SIGKILL lost updates that were committed and
     * whose Kafka offsets were acknowledged; QueryServiceKillIT saw a user_view row 7 events behind its rebuild
     * that way.
     */
    String h2(String name) {
        return "jdbc:h2:file:" + directory.resolve(name) + ";AUTO_SERVER=TRUE;WRITE_DELAY="
                + StandaloneStack.h2WriteDelayMillis(name);
    }

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static String uniquePhone() {
        long digits = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L) + 1_000_000_000L;
        return "+1" + digits;
    }

    /** POSTs JSON; answers status and body. */
    static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Registers a user through command-service; answers its id. */
    static String register(ServiceJvm commandService, String email, String phone) throws Exception {
        HttpResponse<String> answer = post(commandService.url() + "/register", """
                {"first_name": "Test", "last_name": "User", "email": "%s", "phone_number": "%s",
                 "password": "correct horse battery", "role": "employee"}""".formatted(email, phone));
        if (answer.statusCode() != 200) {
            throw new AssertionError("register answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body()).get("user_id").asText();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
