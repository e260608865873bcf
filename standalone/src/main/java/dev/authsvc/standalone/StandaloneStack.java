package dev.authsvc.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole stack: the broker in this process, then command-service, query-service, the notifier and the
 * gateway as child processes wired to it and to each other, with H2 files and generated secrets under the data
 * directory and the dev outbox on (unless Twilio or SMTP are configured, which the notifier then uses).
 *
 * <p>Each service is supervised ({@link ServiceSupervisor}): restarted with back-off when it dies, and the whole
 * stack stops when one keeps failing to start. {@link #close()} may be called at any moment, from any thread
 * (a signal's shutdown hook while the stack is still starting, say) and stops whatever has been started.
 */
public final class StandaloneStack implements AutoCloseable {

    /** How long one start of a service may take to report ready before it counts as a failed start. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    static final String START_TIMEOUT_VARIABLE = "STANDALONE_READY_TIMEOUT";
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** The services write their start-up caches as they exit (ClassDataSharing): four at once on two cores. */
    static final Duration STOP_TIMEOUT_WRITING_CACHES = Duration.ofSeconds(120);

    private final StandaloneConfig config;
    private final PrintStream out;
    private final Object lock = new Object();
    private final CompletableFuture<Optional<String>> stopped = new CompletableFuture<>();
    private boolean closing;
    private boolean gaveUp;
    private KafkaBroker broker;
    private final List<ServiceSupervisor> supervisors = new ArrayList<>();

    /** A stack not started yet; {@link #startAndAwaitReady()} starts it. Supervision messages go to {@code out}. */
    public StandaloneStack(StandaloneConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Starts a stack and returns once every service is ready; a stack that cannot start is stopped again. */
    public static StandaloneStack start(StandaloneConfig config) throws Exception {
        StandaloneStack stack = new StandaloneStack(config, System.out);
        try {
            stack.startAndAwaitReady();
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /**
     * Starts the broker, then the four services side by side, and returns when every one reports ready. Throws
     * when a service keeps failing to start (the reason says which, with the end of its log), or when the stack is
     * closed meanwhile; the caller then closes the stack.
     */
    public void startAndAwaitReady() throws Exception {
        Path lib = config.dataDir().resolve("lib");
        synchronized (lock) {
            if (closing) {
                throw new IllegalStateException("the stack was stopped while starting");
            }
        }
        // Outside the lock: a signal must be able to close the stack while the broker starts.
        KafkaBroker started = KafkaBroker.start(config.dataDir().resolve("kafka"), config.kafkaPort(),
                config.kafkaControllerPort());
        synchronized (lock) {
            if (closing) {
                started.close();
                throw new IllegalStateException("the stack was stopped while starting");
            }
            broker = started;
        }
        Map<String, String> environment = environment(config);
        Path parentWatch = ParentWatch.writeAgentJar(lib);
        Duration readyTimeout = readyTimeout(config);
        List<ServiceSupervisor> starting = new ArrayList<>();
        for (Map.Entry<String, Integer> service : services(config).entrySet()) {
            Path jar = ServiceProcess.extractJar(service.getKey(), lib);
            // Only the first start after a build extracts anything (about a second per service).
            Path run = ClassDataSharing.enabled(config)
                    ? ClassDataSharing.extracted(jar, ServiceProcess.Spec.java(), this::log)
                    : jar;
            List<String> cds = ClassDataSharing.options(run, Runtime.version(),
                    ServiceProcess.Spec.javaOptions(config, service.getKey()));
            starting.add(new ServiceSupervisor(ServiceProcess.Spec.javaService(service.getKey(), service.getValue(),
                    run, cds, parentWatch, config,
                    environmentOf(service.getKey(), environment, config)), new RestartBackOff(), readyTimeout,
                    this::log, this::giveUp));
        }
        synchronized (lock) {
            if (closing) {
                throw new IllegalStateException("the stack was stopped while starting");
            }
            supervisors.addAll(starting);
            starting.forEach(ServiceSupervisor::start);
        }
        try {
            CompletableFuture.allOf(starting.stream().map(ServiceSupervisor::firstReady)
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** The four services and their ports, in the order they are started. */
    private static Map<String, Integer> services(StandaloneConfig config) {
        Map<String, Integer> services = new LinkedHashMap<>();
        services.put("command-service", config.commandServicePort());
        services.put("query-service", config.queryServicePort());
        services.put("notifier", config.notifierPort());
        services.put("gateway", config.gatewayPort());
        return services;
    }

    static Duration readyTimeout(StandaloneConfig config) {
        String value = config.environment().get(START_TIMEOUT_VARIABLE);
        if (value == null || value.isBlank()) {
            return START_TIMEOUT;
        }
        try {
            return value.strip().chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(value.strip()))
                    : Duration.parse("PT" + value.strip().toUpperCase(Locale.ROOT));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(START_TIMEOUT_VARIABLE + " must be a number of seconds (or 5m), not '"
                    + value + "'");
        }
    }

    /** What every service gets: generated secrets, the wiring between them, then the caller's own variables. */
    static Map<String, String> environment(StandaloneConfig config) throws IOException {
        Map<String, String> environment = new HashMap<>(LocalSecrets.loadOrCreate(
                config.dataDir().resolve("standalone-secrets.properties")));
        String data = config.dataDir().toString();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrap());
        environment.put("COMMAND_SERVICE_PORT", Integer.toString(config.commandServicePort()));
        environment.put("QUERY_SERVICE_PORT", Integer.toString(config.queryServicePort()));
        environment.put("NOTIFIER_PORT", Integer.toString(config.notifierPort()));
        environment.put("GATEWAY_PORT", Integer.toString(config.gatewayPort()));
        environment.put("COMMAND_DB_URL", h2File(data, "command-service"));
        environment.put("QUERY_DB_URL", h2File(data, "query-service"));
        environment.put("NOTIFIER_DB_URL", h2File(data, "notifier"));
        environment.put("AUTH_COMMAND_SERVICE_URL", config.url(config.commandServicePort()));
        environment.put("AUTH_JWT_ISSUER", config.url(config.gatewayPort()));
        environment.put("AUTH_JWT_JWK_SET_URI", config.url(config.queryServicePort()) + "/.well-known/jwks.json");
        environment.put("GATEWAY_COMMAND_SERVICE_URL", config.url(config.commandServicePort()));
        environment.put("GATEWAY_QUERY_SERVICE_URL", config.url(config.queryServicePort()));
        environment.put("GATEWAY_NOTIFIER_URL", config.url(config.notifierPort()));
        environment.put("PUBLIC_BASE_URL", config.url(config.gatewayPort()));
        environment.put("AUTH_DEV_OUTBOX", "true");
        // glibc gives each thread that mallocs its own arena (up to 8 per core); two hold the JVM's few native
        // allocations and spare each service tens of MB of mostly empty arenas.
        environment.put("MALLOC_ARENA_MAX", "2");
        environment.putAll(config.environment());
        return environment;
    }

    /**
     * An H2 file database in which no acknowledged work is lost when its service is killed. command-service and
     * query-service commit through the group commit (web-support's {@code GroupCommitTransactionManager}): each
     * transaction is in the file before its commit returns, one write serving every transaction that commits at
     * once, and H2 itself writes what was committed outside a transaction within 100 ms. The notifier writes every
     * commit at once ({@code WRITE_DELAY=0}: a few writes a second). By default H2 writes up to 500 ms later, and a
     * service killed in that window would lose work whose Kafka offset it had already acknowledged.
     * <p>command-service's page cache is 4 MB ({@code CACHE_SIZE}, in KB), not H2's 16: every store of the event
     * store writes new pages, and the entries the cache keeps for them live until it drops them, long enough to be
     * promoted to the old generation of the service's heap; a smaller cache drops them while they are young (see
     * {@link StandaloneConfig#COMMAND_SERVICE_JAVA_OPTIONS}).
     */
    static String h2File(String dataDir, String name) {
        return "jdbc:h2:file:" + dataDir + "/" + name + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=" + h2WriteDelayMillis(name)
                + ("command-service".equals(name) ? ";CACHE_SIZE=" + COMMAND_SERVICE_H2_CACHE_KB : "");
    }

    /** command-service's H2 page cache in KB: see {@link #h2File}. */
    static final int COMMAND_SERVICE_H2_CACHE_KB = 4096;

    /** H2's {@code WRITE_DELAY} for a service's database: see {@link #h2File}. */
    public static int h2WriteDelayMillis(String service) {
        return "notifier".equals(service) ? 0 : 100;
    }

    /**
     * One service's environment: the shared one, and the address it listens on ({@code SERVER_ADDRESS}, which the
     * caller's own variables cannot widen): {@value StandaloneConfig#LOOPBACK}, or {@code GATEWAY_HOST} for the
     * gateway. The services believe {@code X-Forwarded-For} from loopback only, which is where the gateway and
     * query-service call from here.
     */
    static Map<String, String> environmentOf(String service, Map<String, String> shared, StandaloneConfig config) {
        Map<String, String> environment = new HashMap<>(shared);
        environment.put("SERVER_ADDRESS", service.equals("gateway") ? config.gatewayHost() : StandaloneConfig.LOOPBACK);
        return environment;
    }

    public StandaloneConfig config() {
        return config;
    }

    public String gatewayUrl() {
        return config.url(config.gatewayPort());
    }

    public String kafkaBootstrap() {
        return config.kafkaBootstrap();
    }

    /** The running process of each service, by name (a service being restarted is missing). */
    Map<String, ProcessHandle> serviceProcesses() {
        Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        synchronized (lock) {
            supervisors.forEach(supervisor -> supervisor.process()
                    .ifPresent(process -> processes.put(supervisor.name(), process)));
        }
        return processes;
    }

    /** Whether {@link #close()} has begun (a signal, or a service that kept failing to start). */
    boolean isClosing() {
        synchronized (lock) {
            return closing || gaveUp;
        }
    }

    /**
     * Blocks until the stack has stopped: the reason when it stopped because a service kept failing to start,
     * empty when it was closed.
     */
    public Optional<String> awaitStopped() {
        return stopped.join();
    }

    private void giveUp(String reason) {
        synchronized (lock) {
            if (closing || gaveUp) {
                return;
            }
            gaveUp = true;
        }
        log(reason);
        log("Stopping the auth stack: a service keeps failing to start.");
        // Not on the supervisor's own thread: closing waits for every supervisor to end.
        Thread closer = new Thread(() -> close(Optional.of(reason)), "standalone-give-up");
        closer.start();
    }

    private void log(String message) {
        out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + message);
    }

    /** Stops every service (all at once, SIGTERM, killed after 20 s) and then the broker. Idempotent. */
    @Override
    public void close() {
        close(Optional.empty());
    }

    private void close(Optional<String> reason) {
        List<ServiceSupervisor> running;
        KafkaBroker startedBroker;
        synchronized (lock) {
            if (closing) {
                running = null;
                startedBroker = null;
            } else {
                closing = true;
                running = List.copyOf(supervisors);
                startedBroker = broker;
            }
        }
        if (running == null) {
            // Someone else is closing: wait until they are done, so a shutdown hook does not end the JVM early.
            stopped.join();
            return;
        }
        try {
            running.forEach(ServiceSupervisor::requestStop);
            boolean writingCaches = running.stream().anyMatch(ServiceSupervisor::writesCacheAtExit);
            if (writingCaches) {
                log("Writing the services' start-up caches (once after a build or a change of Java or its options; up to "
                        + STOP_TIMEOUT_WRITING_CACHES.toSeconds() + " s): the next start is faster.");
            }
            Instant deadline = Instant.now().plus(writingCaches ? STOP_TIMEOUT_WRITING_CACHES : STOP_TIMEOUT);
            for (ServiceSupervisor supervisor : running) {
                try {
                    supervisor.awaitStopped(deadline);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (startedBroker != null) {
                try {
                    startedBroker.close();
                } catch (IOException | RuntimeException e) {
                    log("The Kafka broker did not stop cleanly: " + e);
                }
            }
        } finally {
            stopped.complete(reason);
        }
    }
}
