import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How soon a change is readable: the time from {@code PUT /update-account}'s 200 on command-service to
 * {@code GET /me} on query-service showing it, which covers the event store, the publisher, Kafka and the
 * {@code user_view} projection. Runs against a running stack (the standalone one by default), calls the services
 * directly so the gateway's per-address limits do not throttle the polling, and writes its figures to
 * {@code bench/results/<date>-command-to-read.md}.
 *
 * <pre>java bench/CommandToRead.java [updates] [command-service URL] [query-service URL]</pre>
 */
public final class CommandToRead {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String command = args.length > 1 ? args[1] : "http://127.0.0.1:8081";
        String query = args.length > 2 ? args[2] : "http://127.0.0.1:8082";

        String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String phone = "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
        String password = "correct horse " + UUID.randomUUID();
        send("POST", command + "/register", """
                {"first_name": "Ada", "last_name": "Lovelace", "email": "%s", "phone_number": "%s",
                 "password": "%s", "role": "employee"}""".formatted(email, phone, password), null, 200);
        String login = """
                {"email": "%s", "password": "%s"}""".formatted(email, password);
        String token = null;
        Instant loginDeadline = Instant.now().plus(GIVE_UP);
        while (token == null) {
            HttpResponse<String> answer = call("POST", query + "/login", login, null);
            Matcher matcher = TOKEN.matcher(answer.body());
            if (answer.statusCode() == 200 && matcher.find()) {
                token = matcher.group(1);
            } else if (Instant.now().isAfter(loginDeadline)) {
                throw new IllegalStateException("login failed: " + answer.statusCode() + " " + answer.body());
            }
        }

        int warmUp = Math.max(5, updates / 10);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < warmUp + updates; i++) {
            String name = "N" + i;
            send("PUT", command + "/update-account", "{\"first_name\": \"" + name + "\"}", token, 200);
            long answered = System.nanoTime();
            Instant deadline = Instant.now().plus(GIVE_UP);
            while (!call("GET", query + "/me", null, token).body().contains("\"first_name\":\"" + name + "\"")) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("update " + i + " not readable after " + GIVE_UP);
                }
            }
            if (i >= warmUp) {
                millis.add((System.nanoTime() - answered) / 1e6);
            }
        }
        Collections.sort(millis);
        String figures = "| updates | p50 | p90 | p99 | max |\n|---|---|---|---|---|\n| %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms |\n"
                .formatted(millis.size(), percentile(millis, 50), percentile(millis, 90), percentile(millis, 99),
                        millis.get(millis.size() - 1));
        String report = """
                # Command to read: %s

                From `PUT /update-account`'s 200 (command-service, %s) to `GET /me` (query-service, %s) showing
                the change, after %d warm-up updates, one update at a time.

                %s
                Machine: %d cores (`nproc`), Java %s. Command: `java bench/CommandToRead.java %d %s %s`.
                """.formatted(LocalDate.now(), command, query, warmUp, figures,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), updates, command,
                query);
        Path file = Path.of("bench", "results", LocalDate.now() + "-command-to-read.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.print(report);
        System.out.println("Written to " + file);
    }

    private static double percentile(List<Double> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void send(String method, String url, String body, String token, int expected) throws Exception {
        HttpResponse<String> answer = call(method, url, body, token);
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    private static HttpResponse<String> call(String method, String url, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
