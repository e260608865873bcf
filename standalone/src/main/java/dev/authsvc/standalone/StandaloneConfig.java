package dev.authsvc.standalone;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the standalone stack keeps its data and which ports it takes. Every value has an environment variable
 * (README, "Quick start"); {@code environment} is passed on to every service, so a variable such as
 * {@code TWILIO_SID} or {@code SMTP_SERVER} set for the standalone reaches the notifier.
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

    public static StandaloneConfig fromEnvironment(Map<String, String> env) {
        return new StandaloneConfig(
                Path.of(env.getOrDefault("AUTH_DATA_DIR", "data")).toAbsolutePath(),
                port(env, "KAFKA_PORT", 9092),
                port(env, "KAFKA_CONTROLLER_PORT", 9093),
                port(env, "GATEWAY_PORT", 5000),
                port(env, "COMMAND_SERVICE_PORT", 8081),
                port(env, "QUERY_SERVICE_PORT", 8082),
                port(env, "NOTIFIER_PORT", 8083),
                env.getOrDefault("STANDALONE_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"),
                Map.copyOf(env));
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

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String url(int port) {
        return "http://127.0.0.1:" + port;
    }
}
