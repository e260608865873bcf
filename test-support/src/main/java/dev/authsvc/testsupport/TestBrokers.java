package dev.authsvc.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Objects;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Real Kafka brokers for the publisher's tests: spring-kafka-test's embedded KRaft broker (one combined broker
 * and controller), with automatic topic creation off so the publisher has to create its topic itself.
 */
public final class TestBrokers {

    /** A listener of our own: the test kit binds its default listeners to ports of its choosing. */
    private static final String FIXED_LISTENER = "FIXED";

    private TestBrokers() {
    }

    /** A broker, not yet started (the Spring context starts it), on ports of the test kit's choosing. */
    public static EmbeddedKafkaKraftBroker onAnyPort() {
        return configure(new EmbeddedKafkaKraftBroker(1, 1), Map.of());
    }

    /** A started broker that also listens on 127.0.0.1:{@code port}, and listens there again after a restart. */
    public static EmbeddedKafkaKraftBroker startOnPort(int port) {
        EmbeddedKafkaKraftBroker broker = configure(new EmbeddedKafkaKraftBroker(1, 1), Map.of(
                "listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0," + FIXED_LISTENER + "://127.0.0.1:"
                        + port,
                "listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + FIXED_LISTENER
                        + ":PLAINTEXT"));
        // The test kit also points spring.embedded.kafka.brokers at the new broker; other tests of this JVM read
        // that property to find the global embedded broker, so it is put back.
        String global = System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        try {
            broker.afterPropertiesSet();
        } finally {
            if (global == null) {
                System.clearProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
            } else {
                System.setProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS, global);
            }
        }
        return broker;
    }

    /** Stops the broker process; its controller, its data and its ports stay for {@link #restart}. */
    public static void stop(EmbeddedKafkaKraftBroker broker) {
        brokers(broker).values().forEach(BrokerServer::shutdown);
    }

    /** Starts the stopped broker again, on the same ports and with the records it had. */
    public static void restart(EmbeddedKafkaKraftBroker broker) {
        brokers(broker).values().forEach(BrokerServer::startup);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedKafkaKraftBroker configure(EmbeddedKafkaKraftBroker broker, Map<String, String> listeners) {
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        broker.brokerProperties(listeners);
        // The test kit would otherwise set spring.kafka.bootstrap-servers as a system property, for every later
        // test context of this JVM too.
        broker.brokerListProperty("auth.test.kafka.brokers");
        return broker;
    }

    private static Map<Integer, BrokerServer> brokers(EmbeddedKafkaKraftBroker broker) {
        KafkaClusterTestKit cluster = Objects.requireNonNull(broker.getCluster(), "the broker is not running");
        return cluster.brokers();
    }
}
