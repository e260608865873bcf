import dev.authsvc.events.UserEventCodec;
import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.ProfileUpdatedData;
import dev.authsvc.events.data.UserRegisteredData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Rebuilding {@code user_view} from {@code events} events on the topic: tops the stack's topic up to that many
 * records with SYNTHETIC events written straight to it (users of 100 events each: {@code UserRegistered}, then
 * {@code ProfileUpdated}, written with the events module's {@code UserEventCodec}, keyed by user id as the publisher
 * does), waits until query-service's live consumer has applied them (its counter {@code authsvc_user_events_total}),
 * then starts {@code POST /admin/read-models/rebuild} as the admin and reports events/s from the job's own
 * {@code started_at} and {@code finished_at} (the whole job: reading, applying, comparing and switching), not from
 * polling intervals.
 *
 * <p>Those users exist only on the topic and in the read models (command-service never stored them): run it on a
 * throwaway bench stack (its own {@code AUTH_DATA_DIR}), never on one whose topic matters. The stack needs an admin
 * (AUTH_BOOTSTRAP_ADMIN_EMAIL, _PHONE_NUMBER, _PASSWORD). The classpath needs kafka-clients and the events module:
 * {@code bench/async.sh} takes them from query-service's jar, or by hand:
 * <pre>unzip -q -o query-service/target/query-service-*.jar 'BOOT-INF/lib/*' -d /tmp/qs
 * java -cp '/tmp/qs/BOOT-INF/lib/*' bench/Rebuild.java [events] [Kafka bootstrap] [query-service URL] [admin email] [admin password] [results file]</pre>
 */
public final class Rebuild {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern APPLIED_TOTAL = Pattern.compile(
            "(?m)^authsvc_user_events_total\\{[^}]*outcome=\"(?:applied|stale|no_user)\"[^}]*\\} ([0-9.eE+-]+)$");
    private static final int EVENTS_PER_USER = 100;

    public static void main(String[] args) throws Exception {
        long target = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        String brokers = args.length > 1 ? args[1] : "127.0.0.1:9092";
        String query = args.length > 2 ? args[2] : "http://127.0.0.1:8082";
        String adminEmail = args.length > 3 ? args[3] : System.getenv("AUTH_BOOTSTRAP_ADMIN_EMAIL");
        String adminPassword = args.length > 4 ? args[4] : System.getenv("AUTH_BOOTSTRAP_ADMIN_PASSWORD");
        Path results = Path.of(args.length > 5 ? args[5] : "bench/results/" + LocalDate.now() + "-async.md");
        if (adminEmail == null || adminPassword == null) {
            throw new IllegalArgumentException("the admin's email and password: arguments 4 and 5, or "
                    + "AUTH_BOOTSTRAP_ADMIN_EMAIL and AUTH_BOOTSTRAP_ADMIN_PASSWORD");
        }
        String token = login(query, adminEmail, adminPassword);

        long onTopic = recordsOnTopic(brokers);
        long synthetic = Math.max(0, target - onTopic);
        double applyingBefore = consumed(query);
        double producedIn = 0;
        if (synthetic > 0) {
            long started = System.nanoTime();
            produce(brokers, synthetic);
            producedIn = (System.nanoTime() - started) / 1e9;
            System.out.printf("wrote %d synthetic events in %.1f s (%.0f/s)%n", synthetic, producedIn,
                    synthetic / producedIn);
            // The live consumer applies them too; let it finish, so the rebuild runs on a quiet service.
            long caughtUp = System.nanoTime();
            long deadline = caughtUp + Duration.ofMinutes(10).toNanos();
            while (consumed(query) - applyingBefore < synthetic && System.nanoTime() < deadline) {
                Thread.sleep(1000);
            }
            System.out.printf("query-service's live consumer applied them %.1f s after the last was written%n",
                    (System.nanoTime() - caughtUp) / 1e9);
        }

        HttpResponse<String> started = call("POST", query + "/admin/read-models/rebuild", null, token);
        if (started.statusCode() != 202) {
            throw new IllegalStateException("POST /admin/read-models/rebuild: " + started.statusCode() + " "
                    + started.body());
        }
        String job = field(started.body(), "job_id");
        String status;
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        do {
            Thread.sleep(1000);
            status = call("GET", query + "/admin/read-models/rebuild/" + job, null, token).body();
        } while ("running".equals(field(status, "state")) && System.nanoTime() < deadline);

        String state = field(status, "state");
        long applied = Long.parseLong(field(status, "applied"));
        String total = field(status, "total");
        Instant from = Instant.parse(field(status, "started_at"));
        Instant to = field(status, "finished_at") == null ? null : Instant.parse(field(status, "finished_at"));
        double jobSeconds = to == null ? Double.NaN : Duration.between(from, to).toMillis() / 1000.0;
        double perSecond = applied / jobSeconds;
        String line = ("ASYNC rebuild events=%d state=%s applied=%d total=%s caught_up=%s job_seconds=%.2f"
                + " events_per_s=%.0f synthetic_written=%d target_events_per_s=20000 met=%s").formatted(target, state,
                applied, total, field(status, "caught_up"), jobSeconds, perSecond, synthetic,
                "succeeded".equals(state) && perSecond >= 20_000 ? "yes" : "no");
        System.out.println(line);
        String report = """

                ## Rebuilding user_view from %d events (%s)

                The topic held %d records; %d SYNTHETIC events (users of %d: `UserRegistered`, then `ProfileUpdated`)
                were written straight to it (%.1f s), then `POST /admin/read-models/rebuild` as the admin on
                query-service (%s). Events/s is `applied` over the job's own `finished_at` minus `started_at`: the whole
                job, reading the topic, applying, comparing and switching.

                | state | applied | total | caught up | job | events/s |
                |---|---|---|---|---|---|
                | %s | %d | %s | %s | %.2f s | %.0f |

                Machine: %d cores (`nproc`), Java %s. Command: `java -cp <query-service's BOOT-INF/lib> bench/Rebuild.java %d %s %s <admin email> <admin password>`.
                `%s`
                """.formatted(target, Instant.now(), onTopic, synthetic, EVENTS_PER_USER, producedIn, query, state,
                applied, total, field(status, "caught_up"), jobSeconds, perSecond,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), target, brokers, query,
                line);
        if (!"succeeded".equals(state)) {
            System.out.println("The job did not succeed: " + status);
        }
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("Appended to " + results);
    }

    private static long recordsOnTopic(String brokers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(UserEventEnvelope.TOPIC, Duration.ofSeconds(10))
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
            return partitions.stream().mapToLong(partition -> end.get(partition) - beginning.get(partition)).sum();
        }
    }

    private static void produce(String brokers, long events) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            long written = 0;
            for (int user = 0; written < events; user++) {
                String userId = UUID.randomUUID().toString();
                Instant at = Instant.now();
                for (int sequence = 0; sequence < EVENTS_PER_USER && written < events; sequence++, written++) {
                    UserEventEnvelope event = UserEventEnvelope.of(UUID.randomUUID().toString(), userId, sequence, at,
                            sequence == 0
                                    ? new UserRegisteredData("Bench", "Synthetic", "rebuild-" + run + "-" + user
                                            + "@example.com", "+1666" + (1_000_000 + user), "employee")
                                    : new ProfileUpdatedData("Name" + sequence, "Synthetic"));
                    producer.send(new ProducerRecord<>(UserEventEnvelope.TOPIC, userId, UserEventCodec.write(event)));
                }
            }
            producer.flush();
        }
    }

    /** Records query-service's live consumer has applied or judged (not the unreadable or unknown ones). */
    private static double consumed(String query) throws IOException, InterruptedException {
        HttpResponse<String> answer = call("GET", query + "/actuator/prometheus", null, null);
        double sum = 0;
        Matcher matcher = APPLIED_TOTAL.matcher(answer.body());
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(1));
        }
        return sum;
    }

    private static String login(String query, String email, String password) throws Exception {
        HttpResponse<String> answer = call("POST", query + "/login",
                "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password), null);
        Matcher matcher = TOKEN.matcher(answer.body());
        if (answer.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException("admin login failed: " + answer.statusCode() + " " + answer.body());
        }
        return matcher.group(1);
    }

    /** A top-level member of a flat JSON answer, as text; null when absent or null. */
    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|[-0-9.]+|null)").matcher(json);
        if (!matcher.find() || matcher.group(1).equals("null")) {
            return null;
        }
        return matcher.group(2) != null ? matcher.group(2) : matcher.group(1);
    }

    private static HttpResponse<String> call(String method, String url, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
