package dev.authsvc.command.sms;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The SMS budget, on the clock the aggregate and its events use (Axon's), so tests move both together. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsBudgetProperties.class)
public class SmsBudgetConfiguration {

    @Bean
    SmsBudget smsBudget(JdbcClient jdbc, PlatformTransactionManager transactions, SmsBudgetProperties properties, MeterRegistry meters) {
        return new SmsBudget(jdbc, transactions, () -> GenericEventMessage.clock.instant(), properties, meters);
    }
}
