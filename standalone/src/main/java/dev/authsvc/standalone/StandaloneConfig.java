package dev.authsvc.standalone;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Where the standalone stack keeps its data and which ports it takes. Every value has an environment variable
 * (README, "Quick start"); {@code environment} is passed on to every service, so a variable such as
 * {@code TWILIO_SID} or {@code SMTP_SERVER} set for the standalone reaches the notifier.
 * <p>
 * The broker and the services listen on {@value #LOOPBACK} only: on a shared network nobody else can call
 * command-service directly (with a forged {@code X-Forwarded-For}) or read live codes from the dev outbox. Only the
 * gateway may be opened, with {@code GATEWAY_HOST}.
 */
public record StandaloneConfig(
        Path dataDir,
        int kafkaPort,
        int kafkaControllerPort,
        int gatewayPort,
        int commandServicePort,
        int queryServicePort,
        int notifierPort,
        String javaOptions,
        Map<String, String> environment) {

    /**
     * The JVM options of query-service and the gateway unless {@code STANDALONE_JAVA_OPTS} says
     * otherwise (docs/operations.md, "JVM options", says what each trades): a heap that starts small and gives back
     * what a full GC frees ({@code -Xms16m}, free ratios 10-30 %), capped at 256 MB, and a service out of heap exits
     * (its supervisor starts it again; without the option the thread that ran out dies and the process lives on: a
     * command-service whose Tomcat acceptor died that way answered nothing, for good); the serial collector (one GC
     * thread, no concurrent marking: the least memory); full tiered compilation with the JVM's own thresholds. C2 runs
     * the hot paths (bcrypt, ES256, the gateway's proxying, a command's handling) 1.2 to 4 times faster than C1 alone;
     * with C2's thresholds raised fourfold (the default until session 13) the start took 2 to 5 s less, but code that
     * runs once per command at 200 commands/s stayed in C1 for minutes, and the gateway needed over a minute of load
     * to pass its C1 speed. Class-data sharing ({@link ClassDataSharing}) wins back most of the start-up time C2 costs.
     */
    public static final String DEFAULT_JAVA_OPTIONS = "-Xms16m -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
            + " -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError";

    /**
     * command-service's options: the same collector and JIT with a heap whose young generation is large enough that
     * what H2 caches at each store of the event store (its page-cache entries, a few seconds old when they are
     * dropped) mostly dies there instead of filling the old generation. With the default options, at 200 commands a
     * second, young collections promoted 1.8 MB a second and a full collection of 200 to 700 ms came about every
     * minute (the tail of {@code user_view}'s lag); with these and command-service's smaller H2 page cache
     * ({@link StandaloneStack#h2File}) 0.7 to 1.2 MB a second and one every three to four minutes, for about 200 MB
     * more resident memory after minutes of steady commands. {@code -Xms} stays above {@code -Xmn}: on Java 25 a first heap no larger than the young generation
     * cannot load the AOT cache's heap objects (docs/operations.md).
     */
    public static final String COMMAND_SERVICE_JAVA_OPTIONS = "-Xms192m -Xmx384m -Xmn160m -XX:+UseSerialGC"
            + " -XX:+ExitOnOutOfMemoryError";

    /**
     * The quick-start choice: the same heap and collector with C1 only ({@code TieredStopAtLevel=1}), which starts a
     * few seconds sooner and serves the hot paths slower. The tests run with it.
     */
    public static final String QUICK_START_JAVA_OPTIONS = DEFAULT_JAVA_OPTIONS + " -XX:TieredStopAtLevel=1";

    /** The address the broker and the services listen on, and the gateway unless {@code GATEWAY_HOST} says. */
    public static final String LOOPBACK = "127.0.0.1";
    /** What {@code GATEWAY_HOST} may be: this machine only, or every interface (reached as 127.0.0.1 here too). */
    static final Set<String> GATEWAY_HOSTS = Set.of(LOOPBACK, "0.0.0.0", "::");

    public static StandaloneConfig fromEnvironment(Map<String, String> env) {
        gatewayHost(env);
        return new StandaloneConfig(
                Path.of(env.getOrDefault("AUTH_DATA_DIR", "data")).toAbsolutePath(),
                port(env, "KAFKA_PORT", 9092),
                port(env, "KAFKA_CONTROLLER_PORT", 9093),
                port(env, "GATEWAY_PORT", 5000),
                port(env, "COMMAND_SERVICE_PORT", 8081),
                port(env, "QUERY_SERVICE_PORT", 8082),
                port(env, "NOTIFIER_PORT", 8083),
                env.getOrDefault("STANDALONE_JAVA_OPTS", DEFAULT_JAVA_OPTIONS),
                Map.copyOf(env));
    }

    /**
     * The JVM options of {@code service}: {@code STANDALONE_JAVA_OPTS} for every service when it is set; otherwise
     * {@link #QUICK_START_JAVA_OPTIONS} (C1 only) for the notifier, whose work is I/O that C1 compiles at once and
     * whose load is bounded by the SMS and mail budgets, {@link #COMMAND_SERVICE_JAVA_OPTIONS} for command-service,
     * and {@link #DEFAULT_JAVA_OPTIONS} (full JIT) for query-service and the gateway.
     */
    public String javaOptions(String service) {
        if (environment.containsKey("STANDALONE_JAVA_OPTS")) {
            return javaOptions;
        }
        return switch (service) {
            case "notifier" -> QUICK_START_JAVA_OPTIONS;
            case "command-service" -> COMMAND_SERVICE_JAVA_OPTIONS;
            default -> DEFAULT_JAVA_OPTIONS;
        };
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }

    /** {@code GATEWAY_HOST}: {@value #LOOPBACK} by default; {@code 0.0.0.0} or {@code ::} open the API to the network. */
    public String gatewayHost() {
        return gatewayHost(environment);
    }

    /** Whether the gateway is reachable from other hosts, and the dev outbox through it. */
    public boolean gatewayOpenToTheNetwork() {
        return !gatewayHost().equals(LOOPBACK);
    }

    private static String gatewayHost(Map<String, String> env) {
        String value = env.get("GATEWAY_HOST");
        if (value == null || value.isBlank()) {
            return LOOPBACK;
        }
        if (!GATEWAY_HOSTS.contains(value.strip())) {
            throw new IllegalArgumentException("GATEWAY_HOST must be " + LOOPBACK + " (this machine only, the default), "
                    + "0.0.0.0 or :: (every interface), not '" + value + "'");
        }
        return value.strip();
    }

    public String kafkaBootstrap() {
        return LOOPBACK + ":" + kafkaPort;
    }

    public String url(int port) {
        return "http://" + LOOPBACK + ":" + port;
    }
}
