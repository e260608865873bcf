package dev.authsvc.standalone;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole stack: the broker in this process, then command-service, query-service, the notifier and the
 * gateway as child processes wired to it and to each other, with H2 files and generated secrets under the data
 * directory and the dev outbox on (unless Twilio or SMTP are configured, which the notifier then uses).
 */
public final class StandaloneStack implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final StandaloneConfig config;
    private final KafkaBroker broker;
    private final List<ServiceProcess> services;

    private StandaloneStack(StandaloneConfig config, KafkaBroker broker, List<ServiceProcess> services) {
        this.config = config;
        this.broker = broker;
        this.services = services;
    }

    public static StandaloneStack start(StandaloneConfig config) throws Exception {
        KafkaBroker broker = KafkaBroker.start(config.dataDir().resolve("kafka"), config.kafkaPort(),
                config.kafkaControllerPort());
        List<ServiceProcess> started = new ArrayList<>();
        try {
            Map<String, String> environment = environment(config);
            started.add(ServiceProcess.start("command-service", config.commandServicePort(), config,
                    environmentOf("command-service", environment, config)));
            started.add(ServiceProcess.start("query-service", config.queryServicePort(), config,
                    environmentOf("query-service", environment, config)));
            started.add(ServiceProcess.start("notifier", config.notifierPort(), config,
                    environmentOf("notifier", environment, config)));
            started.add(ServiceProcess.start("gateway", config.gatewayPort(), config,
                    environmentOf("gateway", environment, config)));
            // One deadline for all: the services start side by side, so waiting for each in turn costs nothing,
            // and the first that fails ends the wait instead of the others' timeouts adding up.
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            for (ServiceProcess service : started) {
                service.awaitHealthy(deadline);
            }
            return new StandaloneStack(config, broker, started);
        } catch (Exception e) {
            new StandaloneStack(config, broker, started).close();
            throw e;
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
        environment.put("COMMAND_DB_URL", "jdbc:h2:file:" + data + "/command-service;DB_CLOSE_ON_EXIT=FALSE");
        environment.put("QUERY_DB_URL", "jdbc:h2:file:" + data + "/query-service;DB_CLOSE_ON_EXIT=FALSE");
        environment.put("NOTIFIER_DB_URL", "jdbc:h2:file:" + data + "/notifier;DB_CLOSE_ON_EXIT=FALSE");
        environment.put("AUTH_COMMAND_SERVICE_URL", config.url(config.commandServicePort()));
        environment.put("AUTH_JWT_ISSUER", config.url(config.gatewayPort()));
        environment.put("AUTH_JWT_JWK_SET_URI", config.url(config.queryServicePort()) + "/.well-known/jwks.json");
        environment.put("GATEWAY_COMMAND_SERVICE_URL", config.url(config.commandServicePort()));
        environment.put("GATEWAY_QUERY_SERVICE_URL", config.url(config.queryServicePort()));
        environment.put("GATEWAY_NOTIFIER_URL", config.url(config.notifierPort()));
        environment.put("PUBLIC_BASE_URL", config.url(config.gatewayPort()));
        environment.put("AUTH_DEV_OUTBOX", "true");
        environment.putAll(config.environment());
        return environment;
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
        return broker.bootstrap();
    }

    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        for (ServiceProcess service : reversed) {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            broker.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
