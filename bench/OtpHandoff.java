import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code OtpRequested} to the SMS hand-off: {@code POST /send-otp} for distinct registered users' numbers at a
 * steady rate (open model, command-service's own port), while this program stands in for Twilio's Messages API on
 * 127.0.0.1:{@code standInPort} (a JDK HTTP server answering 201 as Twilio does), so the notifier's real SDK call
 * path is what is timed. The figure is the notifier's timer {@code authsvc.notification.handoff{channel="sms"}} (the
 * event's {@code occurred_at} to Twilio's create() returning), from the difference of its Prometheus histogram before
 * and after the window. As a cross-check from outside, the time from each send-otp's scheduled start to the stand-in
 * receiving its message is timed too (this includes the command itself).
 *
 * <p>The stack must send SMS to the stand-in and have SMS budget for the run (each send-otp is one SMS, and the
 * default budget is 1000 an hour for the whole service):
 * <pre>TWILIO_SID=ACbench0000000000000000000000000000 TWILIO_AUTH_TOKEN=bench-token TWILIO_PHONE_NUMBER=+15005550006 \
 * TWILIO_API_BASE_URL=http://127.0.0.1:7884 AUTH_SMS_PER_HOUR=100000 java -jar standalone/target/standalone.jar</pre>
 * If the notifier writes SMS to its dev outbox instead, the timer measures the outbox write, the stand-in receives
 * nothing, and the report says so.
 *
 * <pre>java bench/OtpHandoff.java [rate/s] [seconds] [command-service URL] [notifier URL] [stand-in port] [results file]</pre>
 */
public final class OtpHandoff {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String HANDOFF = "authsvc_notification_handoff_seconds";
    private static final String SMS = "channel=\"sms\"";
    private static final int WARM_UP_SECONDS = 2;

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String command = args.length > 2 ? args[2] : "http://127.0.0.1:8081";
        String notifier = args.length > 3 ? args[3] : "http://127.0.0.1:8083";
        int standInPort = args.length > 4 ? Integer.parseInt(args[4]) : 7884;
        Path results = Path.of(args.length > 5 ? args[5] : "bench/results/" + LocalDate.now() + "-async.md");

        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        HttpServer twilio = standIn(standInPort, arrivals);
        try {
            run(rate, seconds, command, notifier, standInPort, results, arrivals);
        } finally {
            twilio.stop(0);
        }
        System.exit(0);
    }

    private static void run(int rate, int seconds, String command, String notifier, int standInPort, Path results,
            Map<String, Long> arrivals) throws Exception {
        int warmUp = rate * WARM_UP_SECONDS;
        int sends = warmUp + rate * seconds;
        long seedStart = System.nanoTime();
        List<String> phones = seed(command, sends);
        System.out.printf("seeded %d users in %.1f s%n", phones.size(), (System.nanoTime() - seedStart) / 1e9);

        long periodNanos = 1_000_000_000L / rate;
        Map<String, Long> scheduledAt = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong next = new AtomicLong();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        clock.scheduleAtFixedRate(() -> {
            long i = next.getAndIncrement();
            if (i >= sends) {
                return;
            }
            String phone = phones.get((int) i);
            long scheduled = start + i * periodNanos;
            boolean measured = i >= warmUp;
            if (measured) {
                scheduledAt.put(phone, scheduled);
            }
            HttpRequest sendOtp = HttpRequest.newBuilder(URI.create(command + "/send-otp"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"phone_number\": \"" + phone + "\"}"))
                    .build();
            inFlight.incrementAndGet();
            HTTP.sendAsync(sendOtp, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
                inFlight.decrementAndGet();
                if (!measured) {
                    return;
                }
                String outcome = failure != null ? failure.getClass().getSimpleName()
                        : answer.statusCode() == 200 ? null : "HTTP " + answer.statusCode();
                if (outcome == null) {
                    ok.incrementAndGet();
                } else {
                    errors.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
                }
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);

        sleepUntil(start + WARM_UP_SECONDS * 1_000_000_000L);
        Histogram before = Histogram.scrape(notifier + "/actuator/prometheus", HANDOFF, SMS);
        sleepUntil(start + (long) sends * periodNanos);
        clock.shutdown();
        long settle = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < settle) {
            Thread.sleep(50);
        }
        Histogram after = Histogram.scrape(notifier + "/actuator/prometheus", HANDOFF, SMS);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (after.count() - before.count() < ok.get() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            after = Histogram.scrape(notifier + "/actuator/prometheus", HANDOFF, SMS);
        }
        Histogram handoff = after.minus(before);

        List<Double> toStandIn = new ArrayList<>();
        scheduledAt.forEach((phone, scheduled) -> {
            Long arrived = arrivals.get(phone);
            if (arrived != null) {
                toStandIn.add((arrived - scheduled) / 1e6);
            }
        });
        Collections.sort(toStandIn);
        int errorCount = errors.values().stream().mapToInt(AtomicInteger::get).sum();
        // Nothing at the stand-in although the notifier handed SMS off: they went to its dev outbox.
        String sender = !arrivals.isEmpty() ? "Twilio SDK to the stand-in on 127.0.0.1:" + standInPort
                : handoff.count() > 0 ? "dev outbox (the stand-in received nothing)"
                : "nowhere within the window (no hand-off timed, nothing at the stand-in)";
        String line = ("ASYNC otp_handoff rate=%d seconds=%d sent=%d ok=%d errors=%d handoffs=%d"
                + " handoff_p50_ms=%.1f handoff_p99_ms=%.1f handoff_max_ms=%.1f handoff_within_250ms=%.2f%%"
                + " request_to_standin_p50_ms=%.1f request_to_standin_p99_ms=%.1f standin_received=%d"
                + " target_handoff_p99_ms=250 met=%s sender=%s").formatted(rate, seconds, scheduledAt.size(), ok.get(),
                errorCount, handoff.count(), handoff.quantileMillis(0.50), handoff.quantileMillis(0.99),
                after.maxSeconds() * 1000, 100 * handoff.fractionAtMost(0.25), percentile(toStandIn, 50),
                percentile(toStandIn, 99), toStandIn.size(),
                handoff.count() > 0 && handoff.quantileMillis(0.99) <= 250 && errorCount == 0 ? "yes" : "no",
                !arrivals.isEmpty() ? "twilio-standin" : handoff.count() > 0 ? "outbox" : "none");
        System.out.println(line);
        String report = """

                ## OtpRequested to SMS hand-off at %d send-otp/s (%s)

                `POST /send-otp` for %d distinct registered numbers, one every %.1f ms whatever the answers (open
                model), on command-service (%s), %d s measured after %d s of warm-up. SMS went to: %s. Hand-off: the
                notifier's `authsvc.notification.handoff{channel="sms"}` (event `occurred_at` to the provider's call
                returning), from the difference of its Prometheus histogram before and after the window (percentiles
                interpolated within a bucket; the max is the timer's recent maximum). "Request to stand-in" is from
                each send-otp's scheduled start to the stand-in receiving its message, timed by this program.

                | send-otp | errors | hand-offs | p50 | p99 | max | within 250 ms | request to stand-in p50 | p99 |
                |---|---|---|---|---|---|---|---|---|
                | %d | %d %s | %d | %.1f ms | %.1f ms | %.1f ms | %.2f %% | %.1f ms | %.1f ms |

                Machine: %d cores (`nproc`), Java %s. Command: `java bench/OtpHandoff.java %d %d %s %s %d`.
                `%s`
                """.formatted(rate, Instant.now(), sends, periodNanos / 1e6, command, seconds, WARM_UP_SECONDS, sender,
                scheduledAt.size(), errorCount, errors.isEmpty() ? "" : errors.toString(), handoff.count(),
                handoff.quantileMillis(0.50), handoff.quantileMillis(0.99), after.maxSeconds() * 1000,
                100 * handoff.fractionAtMost(0.25), percentile(toStandIn, 50),
                percentile(toStandIn, 99), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), rate, seconds, command, notifier, standInPort, line);
        append(results, report);
    }

    /** Twilio's Messages create, as far as the SDK needs it: 201 with a message sid; notes when each number's came. */
    private static HttpServer standIn(int port, Map<String, Long> arrivals) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
        AtomicLong sids = new AtomicLong();
        server.createContext("/2010-04-01/Accounts/", exchange -> {
            long now = System.nanoTime();
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String to = field(form, "To");
            if (to != null) {
                arrivals.putIfAbsent(to, now);
            }
            reply(exchange, 201, "{\"sid\": \"SM%032d\", \"status\": \"queued\"}".formatted(sids.incrementAndGet()));
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private static String field(String form, String name) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Registers {@code count} users with numbers of their own (one send-otp each, so no 30 s cooldown applies). */
    private static List<String> seed(String command, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        String run = UUID.randomUUID().toString().substring(0, 8);
        long base = 1_000_000 + (long) (Math.random() * 8_000_000);
        List<Future<String>> futures = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int user = n;
            futures.add(pool.submit(() -> {
                String phone = "+1555" + (base + user);
                expect(call("POST", command + "/register", """
                        {"first_name": "Ada", "last_name": "Lovelace", "email": "otp-%s-%d@example.com",
                         "phone_number": "%s", "password": "hand off %s", "role": "employee"}"""
                        .formatted(run, user, phone, run), null), 200);
                return phone;
            }));
        }
        List<String> phones = new ArrayList<>();
        for (Future<String> future : futures) {
            phones.add(future.get(10, TimeUnit.MINUTES));
        }
        pool.shutdown();
        return phones;
    }

    // The helpers below are the same as SteadyCommands' (a single-file program cannot share a class on Java 17).

    static HttpResponse<String> call(String method, String url, String body, String token)
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

    static void expect(HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri() + ": "
                    + answer.statusCode() + " " + answer.body());
        }
    }

    static double percentile(List<Double> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    static void append(Path file, String text) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("Appended to " + file);
    }

    /**
     * One timer's Prometheus histogram (cumulative {@code _bucket} counts by upper bound in seconds, {@code _count},
     * {@code _max}) for the series whose labels contain {@code selector}.
     */
    record Histogram(TreeMap<Double, Double> buckets, long count, double maxSeconds) {

        static Histogram scrape(String url, String name, String selector) throws IOException, InterruptedException {
            HttpResponse<String> answer = call("GET", url, null, null);
            expect(answer, 200);
            TreeMap<Double, Double> buckets = new TreeMap<>();
            long count = 0;
            double max = 0;
            Pattern le = Pattern.compile("le=\"([^\"]+)\"");
            for (String line : answer.body().split("\n")) {
                if (line.startsWith("#") || !line.contains(selector)) {
                    continue;
                }
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith(name + "_bucket{")) {
                    Matcher bound = le.matcher(line);
                    if (bound.find()) {
                        String text = bound.group(1);
                        buckets.put(text.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(text), value);
                    }
                } else if (line.startsWith(name + "_count{")) {
                    count = (long) value;
                } else if (line.startsWith(name + "_max{")) {
                    max = value;
                }
            }
            return new Histogram(buckets, count, max);
        }

        Histogram minus(Histogram earlier) {
            TreeMap<Double, Double> delta = new TreeMap<>();
            buckets.forEach((bound, cumulative) -> delta.put(bound, cumulative - earlier.buckets.getOrDefault(bound, 0.0)));
            return new Histogram(delta, count - earlier.count, maxSeconds);
        }

        /** The quantile in milliseconds, interpolated linearly inside the bucket that holds it. */
        double quantileMillis(double quantile) {
            if (count <= 0) {
                return Double.NaN;
            }
            double target = quantile * count;
            double lower = 0;
            double below = 0;
            for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
                if (bucket.getValue() >= target) {
                    if (bucket.getKey().isInfinite()) {
                        return lower * 1000;
                    }
                    double inBucket = bucket.getValue() - below;
                    double share = inBucket <= 0 ? 1 : (target - below) / inBucket;
                    return (lower + (bucket.getKey() - lower) * share) * 1000;
                }
                lower = bucket.getKey();
                below = bucket.getValue();
            }
            return lower * 1000;
        }

        /** The share of observations at or below {@code seconds}, which must be one of the bucket bounds. */
        double fractionAtMost(double seconds) {
            Double cumulative = buckets.get(seconds);
            return count <= 0 || cumulative == null ? Double.NaN : cumulative / count;
        }
    }
}
