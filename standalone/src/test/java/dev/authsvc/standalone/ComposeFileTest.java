package dev.authsvc.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so docker-compose.yml is kept right by reading it: every variable a service is
 * given is one its configuration reads, and the port it exposes and probes is the one it listens on.
 */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /**
     * Variables Spring binds without a placeholder: the maps of keys by id (relaxed binding: the seal keys, the
     * signing keys' key-encryption keys) and Spring's own.
     */
    static final Pattern BOUND_BY_RELAXED_BINDING =
            Pattern.compile("AUTH_SECRETS_SEALKEYS_[A-Z0-9]+|AUTH_TOKENS_KEYENCRYPTIONKEYS_[A-Z0-9]+|SPRING_[A-Z0-9_]+");

    static Map<String, Object> compose() {
        try {
            return new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    static String configuration(String module) throws IOException {
        return Files.readString(ROOT.resolve(module).resolve("src/main/resources/application.yml"));
    }

    @ParameterizedTest
    @CsvSource({"command-service", "query-service", "notifier", "gateway"})
    @SuppressWarnings("unchecked")
    void everyVariableGivenToAServiceIsOneItsConfigurationReads(String name) throws IOException {
        Map<String, Object> environment = (Map<String, Object>) service(name).get("environment");
        String configuration = configuration(name);

        assertThat(environment.keySet()).isNotEmpty().allSatisfy(variable -> assertThat(
                configuration.contains("${" + variable + ":") || configuration.contains("${" + variable + "}")
                        || BOUND_BY_RELAXED_BINDING.matcher(variable).matches()
                        || (variable.startsWith("AUTH_SECRETS_") && configuration.contains("auth.secrets")))
                .as("%s reads %s", name, variable).isTrue());
    }

    @ParameterizedTest
    @CsvSource({"command-service, COMMAND_SERVICE_PORT", "query-service, QUERY_SERVICE_PORT",
        "notifier, NOTIFIER_PORT", "gateway, GATEWAY_PORT"})
    @SuppressWarnings("unchecked")
    void theImagesPortIsTheOneTheServiceListensOn(String name, String portVariable) throws IOException {
        Matcher defaultPort = Pattern.compile("port: \\$\\{" + portVariable + ":(\\d+)}").matcher(configuration(name));
        assertThat(defaultPort.find()).as("%s has server.port ${%s:...}", name, portVariable).isTrue();
        String port = defaultPort.group(1);
        Map<String, Object> service = service(name);

        Map<String, Object> args = (Map<String, Object>) ((Map<String, Object>) service.get("build")).get("args");
        assertThat(String.valueOf(args.get("PORT"))).isEqualTo(port);
        assertThat(String.valueOf(args.get("SERVICE"))).isEqualTo(name);
        List<String> published = (List<String>) service.getOrDefault("expose", service.get("ports"));
        assertThat(published).anySatisfy(entry -> assertThat(entry).endsWith(port));
        List<String> probe = (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test");
        assertThat(String.join(" ", probe)).contains("/127.0.0.1/" + port);
    }

    /**
     * The broker's host listener has no authentication (anyone reaching it could forge events) and Mailpit's UI
     * shows every mailed reset link: both are published on the loopback interface only. The gateway is the API.
     */
    @ParameterizedTest
    @CsvSource({"kafka", "mailpit", "postgres", "redis", "command-service", "query-service", "notifier"})
    @SuppressWarnings("unchecked")
    void onlyTheGatewayIsPublishedBeyondThisHost_everyOtherPortIsBoundTo127001(String name) {
        List<Object> published = (List<Object>) service(name).getOrDefault("ports", List.of());

        assertThat(published).allSatisfy(entry -> assertThat(String.valueOf(entry))
                .as("%s publishes %s", name, entry).startsWith("127.0.0.1:"));
    }

    @ParameterizedTest
    @CsvSource({"command-service", "query-service", "notifier", "gateway"})
    @SuppressWarnings("unchecked")
    void servicesStartOnlyAfterWhatTheyNeedIsHealthy(String name) throws IOException {
        Map<String, Object> dependencies = (Map<String, Object>) service(name).get("depends_on");

        assertThat(dependencies).isNotEmpty().allSatisfy((dependency, condition) -> {
            assertThat(((Map<String, Object>) condition).get("condition")).isEqualTo("service_healthy");
            assertThat(service(dependency).get("healthcheck")).as("%s has a health check", dependency).isNotNull();
        });
    }

    /**
     * The gateway reaches the services over the compose network, so that network (and nothing wider, such as every
     * private address) is where command-service and query-service believe {@code X-Forwarded-For} from.
     */
    @ParameterizedTest
    @CsvSource({"command-service", "query-service"})
    @SuppressWarnings("unchecked")
    void theServicesBelieveXForwardedForFromTheStacksOwnNetworkOnly(String name) {
        Map<String, Object> network = (Map<String, Object>) ((Map<String, Object>) compose().get("networks"))
                .get("default");
        List<Map<String, Object>> subnets = (List<Map<String, Object>>) ((Map<String, Object>) network.get("ipam"))
                .get("config");
        String subnet = String.valueOf(subnets.get(0).get("subnet"));
        assertThat(subnet).as("a /24, which the test below walks").endsWith(".0/24");
        String prefix = subnet.substring(0, subnet.length() - "0/24".length());
        Map<String, Object> environment = (Map<String, Object>) service(name).get("environment");
        Pattern trusted = Pattern.compile(String.valueOf(environment.get("AUTH_TRUSTED_PROXIES")));

        assertThat(trusted.matcher(prefix + "2").matches()).as("an address of the stack's network").isTrue();
        assertThat(trusted.matcher(prefix + "254").matches()).isTrue();
        for (String outside : List.of("10.0.0.5", "192.168.1.20", "172.17.0.2", "203.0.113.7", "127.0.0.1")) {
            assertThat(trusted.matcher(outside).matches()).as(outside).isFalse();
        }
    }
}
