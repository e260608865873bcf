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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * Command to {@code user_view} at a steady rate: {@code PUT /update-account} (a new first name each time) for
 * {@code users} seeded users in turn, started at a fixed rate whatever the answers do (an open model: a slow answer
 * does not slow the load), on command-service's own port (the gateway allows an address 300 requests a minute).
 * After a warm-up it reads query-service's timer {@code authsvc.user_view.lag{phase="live"}} (each event's
 * {@code occurred_at} to its change committed in {@code user_view}) from {@code /actuator/prometheus} before and after
 * the measured window, and computes p50/p99 from the difference of the histogram's buckets, so nothing is polled and
 * earlier traffic does not count. The commands' own latency is timed from each command's scheduled start.
 *
 * <pre>java bench/SteadyCommands.java [rate/s] [seconds] [command-service URL] [query-service URL] [results file]</pre>
 *
 * Prints one line starting {@code ASYNC steady_commands} and appends a section to the results file
 * ({@code bench/results/<date>-async.md} by default).
 */
public final class SteadyCommands {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String LAG = "authsvc_user_view_lag_seconds";
    private static final String LIVE = "phase=\"live\"";
    private static final int USERS = 50;
    private static final int WARM_UP_SECONDS = 5;

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String command = args.length > 2 ? args[2] : "http://127.0.0.1:8081";
        String query = args.length > 3 ? args[3] : "http://127.0.0.1:8082";
        Path results = Path.of(args.length > 4 ? args[4] : "bench/results/" + LocalDate.now() + "-async.md");

        long seedStart = System.nanoTime();
        List<String> tokens = seed(command, query);
        System.out.printf("seeded %d users in %.1f s%n", tokens.size(), (System.nanoTime() - seedStart) / 1e9);

        long periodNanos = 1_000_000_000L / rate;
        int warmUpCommands = rate * WARM_UP_SECONDS;
        int commands = warmUpCommands + rate * seconds;
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong next = new AtomicLong();
        String run = UUID.randomUUID().toString().substring(0, 6);

        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        clock.scheduleAtFixedRate(() -> {
            long i = next.getAndIncrement();
            if (i >= commands) {
                return;
            }
            long scheduled = start + i * periodNanos;
            boolean measured = i >= warmUpCommands;
            HttpRequest update = HttpRequest.newBuilder(URI.create(command + "/update-account"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + tokens.get((int) (i % tokens.size())))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"first_name\": \"S" + run + "x" + i + "\"}"))
                    .build();
            inFlight.incrementAndGet();
            HTTP.sendAsync(update, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
                inFlight.decrementAndGet();
                if (!measured) {
                    return;
                }
                latencies.add((System.nanoTime() - scheduled) / 1e6);
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
        Histogram before = Histogram.scrape(query + "/actuator/prometheus", LAG, LIVE);
        long measuredFrom = System.nanoTime();
        sleepUntil(start + (long) commands * periodNanos);
        double sentSeconds = (System.nanoTime() - measuredFrom) / 1e9;
        clock.shutdown();
        long settle = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < settle) {
            Thread.sleep(50);
        }
        // The events of the last commands are still on their way: wait for the timer to have seen them (bounded).
        Histogram after = Histogram.scrape(query + "/actuator/prometheus", LAG, LIVE);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (after.count - before.count < ok.get() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            after = Histogram.scrape(query + "/actuator/prometheus", LAG, LIVE);
        }
        Histogram lag = after.minus(before);

        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int errorCount = errors.values().stream().mapToInt(AtomicInteger::get).sum();
        double achieved = (ok.get() + errorCount) / sentSeconds;
        String line = ("ASYNC steady_commands rate=%d seconds=%d sent=%d ok=%d errors=%d achieved_per_s=%.1f"
                + " command_p50_ms=%.1f command_p99_ms=%.1f command_max_ms=%.1f"
                + " lag_events=%d lag_p50_ms=%.1f lag_p99_ms=%.1f lag_max_ms=%.1f lag_within_100ms=%.2f%%"
                + " target_lag_p99_ms=100 met=%s").formatted(rate, seconds, sorted.size(), ok.get(), errorCount,
                achieved, percentile(sorted, 50), percentile(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1),
                lag.count, lag.quantileMillis(0.50), lag.quantileMillis(0.99), after.maxSeconds * 1000,
                100 * lag.fractionAtMost(0.1), lag.count > 0 && lag.quantileMillis(0.99) <= 100 && errorCount == 0 ? "yes" : "no");
        System.out.println(line);
        String report = """

                ## Command to user_view at a steady %d commands/s (%s)

                `PUT /update-account` (a new first name) for %d users in turn, started every %.1f ms whatever the answers
                (open model), on command-service (%s), %d s measured after %d s of warm-up. Lag: query-service's
                `authsvc.user_view.lag{phase="live"}` (event `occurred_at` to the `user_view` commit), from the difference
                of its Prometheus histogram before and after the window (bucket bounds: percentiles are interpolated within
                a bucket; the max is the timer's recent maximum, which may include the warm-up).

                | commands | errors | achieved | command p50 | command p99 | command max | events | lag p50 | lag p99 | lag max | within 100 ms |
                |---|---|---|---|---|---|---|---|---|---|---|
                | %d | %d %s | %.1f/s | %.1f ms | %.1f ms | %.1f ms | %d | %.1f ms | %.1f ms | %.1f ms | %.2f %% |

                Machine: %d cores (`nproc`), Java %s. Command: `java bench/SteadyCommands.java %d %d %s %s`.
                `%s`
                """.formatted(rate, Instant.now(), tokens.size(), periodNanos / 1e6, command, seconds, WARM_UP_SECONDS,
                sorted.size(), errorCount, errors.isEmpty() ? "" : errors.toString(), achieved, percentile(sorted, 50),
                percentile(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), lag.count,
                lag.quantileMillis(0.50), lag.quantileMillis(0.99), after.maxSeconds * 1000, 100 * lag.fractionAtMost(0.1),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), rate, seconds, command,
                query, line);
        append(results, report);
        System.exit(0);
    }

    /** Registers {@value #USERS} users on command-service and logs each in on query-service; their access tokens. */
    private static List<String> seed(String command, String query) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> futures = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int n = 0; n < USERS; n++) {
            int user = n;
            futures.add(pool.submit(() -> {
                String email = "steady-" + run + "-" + user + "@example.com";
                String phone = "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
                String password = "steady state " + run;
                expect(call("POST", command + "/register", """
                        {"first_name": "Ada", "last_name": "Lovelace", "email": "%s", "phone_number": "%s",
                         "password": "%s", "role": "employee"}""".formatted(email, phone, password), null), 200);
                return login(query, email, password);
            }));
        }
        List<String> tokens = new ArrayList<>();
        for (Future<String> future : futures) {
            tokens.add(future.get(5, TimeUnit.MINUTES));
        }
        pool.shutdown();
        return tokens;
    }

    static String login(String query, String email, String password) throws Exception {
        String body = "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password);
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            HttpResponse<String> answer = call("POST", query + "/login", body, null);
            Matcher matcher = TOKEN.matcher(answer.body());
            if (answer.statusCode() == 200 && matcher.find()) {
                return matcher.group(1);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("login failed: " + answer.statusCode() + " " + answer.body());
            }
            Thread.sleep(200);
        }
    }

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
