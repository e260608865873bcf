package dev.authsvc.command.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The publisher's documented variables (docs/configuration.md) reach its settings through application.yml. */
class PublisherPropertiesTest {

    @Test
    void theDocumentedVariablesSetThePublisher() throws Exception {
        PublisherProperties properties = bind(Map.of("AUTH_KAFKA_PARTITIONS", "3", "AUTH_KAFKA_REPLICATION_FACTOR", "2",
                "AUTH_PUBLISHER_SEND_TIMEOUT", "9s", "AUTH_PUBLISHER_BATCH_SIZE", "20"));

        assertThat(properties.partitions()).isEqualTo(3);
        assertThat(properties.replicationFactor()).isEqualTo((short) 2);
        assertThat(properties.sendTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(properties.batchSize()).isEqualTo(20);
    }

    @Test
    void withoutThemTheDefaultsHold() throws Exception {
        PublisherProperties properties = bind(Map.of());

        assertThat(properties.partitions()).isEqualTo(6);
        assertThat(properties.replicationFactor()).isEqualTo((short) 1);
        assertThat(properties.sendTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(properties.batchSize()).isEqualTo(100);
    }

    private static PublisherProperties bind(Map<String, Object> variables) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new MapPropertySource("variables", variables));
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bind("auth.publisher", PublisherProperties.class).get();
    }
}
