package dev.authsvc.web.outage;

import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * A probe of the database and one of the Kafka broker in every service that has them, so each outage is
 * logged once, then at most once a minute, then its end ({@link OutageLog}). Every {@code auth.probes.interval}
 * (10 s); the broker's probe is off with {@code auth.probes.kafka.enabled=false} (command-service turns it off
 * with its publisher).
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
public class OutageProbesAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnBean(DataSource.class)
    PartProbe databaseProbe(DataSource dataSource, @Value("${auth.probes.interval:${AUTH_PROBES_INTERVAL:10s}}") Duration every) {
        return PartProbe.database(dataSource, every);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaAdmin.class)
    @ConditionalOnBooleanProperty(name = "auth.probes.kafka.enabled", matchIfMissing = true)
    static class Kafka {

        @Bean(destroyMethod = "close")
        @ConditionalOnBean(KafkaAdmin.class)
        PartProbe kafkaProbe(KafkaAdmin admin, @Value("${auth.probes.interval:${AUTH_PROBES_INTERVAL:10s}}") Duration every) {
            return PartProbe.kafka(admin.getConfigurationProperties(), every);
        }
    }
}
