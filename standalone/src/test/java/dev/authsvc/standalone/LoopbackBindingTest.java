package dev.authsvc.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a shared network nobody else may reach the standalone's broker or services: they listen on 127.0.0.1 only,
 * and the gateway too unless {@code GATEWAY_HOST} opens it.
 */
class LoopbackBindingTest {

    static final List<String> SERVICES = List.of("command-service", "query-service", "notifier", "gateway");

    @TempDir
    Path data;

    Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("AUTH_DATA_DIR", data.toString());
        return env;
    }

    Map<String, String> addresses(StandaloneConfig config) throws Exception {
        Map<String, String> shared = StandaloneStack.environment(config);
        Map<String, String> addresses = new HashMap<>();
        for (String service : SERVICES) {
            addresses.put(service, StandaloneStack.environmentOf(service, shared, config).get("SERVER_ADDRESS"));
        }
        return addresses;
    }

    @Test
    void everyServiceListensOnLoopbackOnly_evenWhenTheCallersEnvironmentSaysOtherwise() throws Exception {
        StandaloneConfig config = StandaloneConfig.fromEnvironment(environment(Map.of("SERVER_ADDRESS", "0.0.0.0")));

        assertThat(addresses(config)).containsOnlyKeys(SERVICES).allSatisfy((service, address) ->
                assertThat(address).as(service).isEqualTo("127.0.0.1"));
        assertThat(config.gatewayOpenToTheNetwork()).isFalse();
    }

    @Test
    void gatewayHost_opensTheGatewayAlone() throws Exception {
        StandaloneConfig config = StandaloneConfig.fromEnvironment(environment(Map.of("GATEWAY_HOST", "0.0.0.0")));

        Map<String, String> addresses = addresses(config);

        assertThat(addresses).containsEntry("gateway", "0.0.0.0")
                .containsEntry("command-service", "127.0.0.1")
                .containsEntry("query-service", "127.0.0.1")
                .containsEntry("notifier", "127.0.0.1");
        assertThat(config.gatewayOpenToTheNetwork()).isTrue();
    }

    @Test
    void aGatewayHostOtherThanLoopbackOrEveryInterface_stopsTheStartNamingTheVariable() {
        assertThatThrownBy(() -> StandaloneConfig.fromEnvironment(environment(Map.of("GATEWAY_HOST", "192.0.2.2"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GATEWAY_HOST");
    }

    @Test
    void theBrokersListenersAndTheAddressItAdvertises_areOnLoopbackOnly() {
        Properties broker = KafkaBroker.configuration(data, 19092, 19093);

        List<String> listeners = Arrays.asList(broker.getProperty("listeners").split(","));
        assertThat(listeners).containsExactlyInAnyOrder("PLAINTEXT://127.0.0.1:19092", "CONTROLLER://127.0.0.1:19093");
        assertThat(broker.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
        assertThat(broker.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
    }

    @Test
    void theServicesAreWiredToEachOtherAndToTheBrokerOverLoopback() throws Exception {
        StandaloneConfig config = StandaloneConfig.fromEnvironment(environment(Map.of()));

        Map<String, String> shared = StandaloneStack.environment(config);

        assertThat(shared.get("KAFKA_BOOTSTRAP_SERVERS")).startsWith("127.0.0.1:");
        for (String url : List.of("AUTH_COMMAND_SERVICE_URL", "GATEWAY_COMMAND_SERVICE_URL", "GATEWAY_QUERY_SERVICE_URL",
                "GATEWAY_NOTIFIER_URL", "AUTH_JWT_JWK_SET_URI")) {
            assertThat(shared.get(url)).as(url).startsWith("http://127.0.0.1:");
        }
    }
}
