import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * OTP login under load, for bench/run: each of N workers takes a registered phone number, asks for a code
 * ({@code POST /send-otp}), waits for the SMS in the dev outbox and logs in with it ({@code POST /login}), again and
 * again, for a warm-up and then a measured time. One login is the whole flow; its latency runs from the send to the
 * login's answer. One thread reads the outbox (on the notifier, whatever URL the flow goes through) for every worker.
 * A number is used again only 31 s after its last send (the service allows one send per 30 s and five an hour per
 * number), so the run needs numbers: it says when workers waited for one.
 *
 * <pre>java bench/OtpLogin.java SEND_OTP_BASE LOGIN_BASE OUTBOX_BASE PHONES_FILE WORKERS WARMUP_S DURATION_S</pre>
 *
 * (through the gateway both bases are the gateway; on the service ports, command-service and query-service).
 *
 * Prints one line {@code BENCH_RESULT key=value ...} like the wrk script's.
 */
public final class OtpLogin {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration CODE_WAIT = Duration.ofSeconds(10);
    private static final long REUSE_AFTER_MS = 31_000;
    private static final Pattern ENTRY = Pattern.compile(
            "\\{[^{}]*?\"channel\"\\s*:\\s*\"sms\"[^{}]*?\\}", Pattern.CASE_INSENSITIVE);
    private static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EVENT = Pattern.compile("\"event_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private static final Map<String, CompletableFuture<String>> WAITING = new ConcurrentHashMap<>();
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    public static void main(String[] args) throws Exception {
        String sendBase = args[0];
        String loginBase = args[1];
        String outbox = args[2] + "/dev/outbox";
        List<String> phones = Files.readAllLines(Path.of(args[3])).stream().filter(line -> !line.isBlank()).toList();
        int workers = Integer.parseInt(args[4]);
        long warmUpMs = Long.parseLong(args[5]) * 1000;
        long measureMs = Long.parseLong(args[6]) * 1000;

        DelayQueue<Phone> numbers = new DelayQueue<>();
        phones.forEach(phone -> numbers.add(new Phone(phone, 0)));
        readOutbox(outbox); // what is in the outbox already belongs to earlier runs
        WAITING.clear();

        long start = System.nanoTime();
        long measureFrom = start + warmUpMs * 1_000_000;
        long end = measureFrom + measureMs * 1_000_000;
        AtomicLong ok = new AtomicLong();
        AtomicLong s401 = new AtomicLong();
        AtomicLong s429 = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLong noCode = new AtomicLong();
        AtomicLong waitedForNumberMs = new AtomicLong();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicLong> codes = new ConcurrentSkipListMap<>();
        Map<Integer, AtomicLong> warmUpCodes = new ConcurrentSkipListMap<>();
        AtomicLong unfinished = new AtomicLong();

        Thread reader = new Thread(() -> {
            while (true) {
                try {
                    readOutbox(outbox);
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the next read tries again; a code that never comes counts as no_code
                }
            }
        }, "outbox-reader");
        reader.setDaemon(true);
        reader.start();

        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    Phone phone;
                    long askedAt = System.nanoTime();
                    try {
                        phone = numbers.poll(end - askedAt, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    waitedForNumberMs.addAndGet((System.nanoTime() - askedAt) / 1_000_000);
                    if (phone == null) {
                        return;
                    }
                    long began = System.nanoTime();
                    int status;
                    try {
                        status = login(sendBase, loginBase, phone.number);
                    } catch (Exception e) {
                        status = -1;
                    }
                    numbers.add(new Phone(phone.number, System.currentTimeMillis() + REUSE_AFTER_MS));
                    long finished = System.nanoTime();
                    if (began < measureFrom) {
                        warmUpCodes.computeIfAbsent(status, code -> new AtomicLong()).incrementAndGet();
                        continue;
                    }
                    if (finished > end) {
                        unfinished.incrementAndGet();
                        continue;
                    }
                    codes.computeIfAbsent(status, code -> new AtomicLong()).incrementAndGet();
                    switch (status) {
                        case 200 -> {
                            ok.incrementAndGet();
                            latencies.add((finished - began) / 1e6);
                        }
                        case 401 -> s401.incrementAndGet();
                        case 429 -> s429.incrementAndGet();
                        case 0 -> noCode.incrementAndGet();
                        default -> other.incrementAndGet();
                    }
                }
            }, "worker-" + w);
            worker.start();
            threads.add(worker);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        reader.interrupt();
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double seconds = measureMs / 1000.0;
        System.out.printf("BENCH_RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f "
                        + "s2xx=%d s401=%d s429=%d other=%d no_code=%d numbers=%d waited_for_number_s=%.1f codes=%s "
                        + "unfinished=%d warmup_codes=%s%n",
                ok.get() + s401.get() + s429.get() + other.get() + noCode.get(), seconds, ok.get() / seconds,
                percentile(sorted, 50), percentile(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1),
                ok.get(), s401.get(), s429.get(), other.get(), noCode.get(), phones.size(),
                waitedForNumberMs.get() / 1000.0, listed(codes), unfinished.get(), listed(warmUpCodes));
    }

    /**
     * One OTP login: the status of the failing step, 0 when no code arrived, -1 when a call failed, 200 when the login
     * succeeded.
     */
    private static int login(String sendBase, String loginBase, String phone) throws Exception {
        CompletableFuture<String> code = new CompletableFuture<>();
        WAITING.put(phone, code);
        try {
            HttpResponse<String> sent = post(sendBase + "/send-otp", "{\"phone_number\":\"" + phone + "\"}");
            if (sent.statusCode() != 200) {
                return sent.statusCode();
            }
            String otp;
            try {
                otp = code.get(CODE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                System.err.println("no code came for " + phone + " within " + CODE_WAIT.toSeconds() + " s");
                return 0;
            }
            HttpResponse<String> login = post(loginBase + "/login",
                    "{\"phone_number\":\"" + phone + "\",\"otp\":\"" + otp + "\"}");
            return login.statusCode() == 200 && login.body().contains("\"access_token\"") ? 200 : login.statusCode();
        } finally {
            WAITING.remove(phone, code);
        }
    }

    private static void readOutbox(String outbox) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(outbox))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + outbox + ": " + answer.statusCode());
        }
        Matcher entry = ENTRY.matcher(answer.body());
        Set<String> fresh = new HashSet<>();
        while (entry.find()) {
            String text = entry.group();
            Matcher to = TO.matcher(text);
            Matcher event = EVENT.matcher(text);
            Matcher body = CODE.matcher(text.replaceAll("\"(to|event_id|sent_at)\"\\s*:\\s*\"[^\"]*\"", ""));
            if (!to.find() || !event.find() || !body.find() || SEEN.contains(event.group(1))) {
                continue;
            }
            fresh.add(event.group(1));
            CompletableFuture<String> waiting = WAITING.get(to.group(1));
            if (waiting != null) {
                waiting.complete(body.group(1));
            }
        }
        SEEN.addAll(fresh);
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code 200:15,0:2}: each outcome with its count ({@code 0}: no code came, {@code -1}: a call failed). */
    private static String listed(Map<Integer, AtomicLong> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(entry -> entry.getKey() + ":" + entry.getValue()).collect(Collectors.joining(","));
    }

    private static double percentile(List<Double> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private record Phone(String number, long availableAt) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(availableAt - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(availableAt, ((Phone) other).availableAt);
        }
    }
}
