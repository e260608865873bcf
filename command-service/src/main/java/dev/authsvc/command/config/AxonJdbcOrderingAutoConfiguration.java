package dev.authsvc.command.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;

/**
 * Holds no beans; it only puts Boot 4's DataSource and transaction manager before Axon's JDBC and transaction
 * auto-configurations. Axon 4.13 orders itself after Boot 3's class names, so without this its
 * {@code JdbcAutoConfiguration} sees no DataSource (no event store) and Axon silently falls back to a
 * no-op transaction manager.
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
        beforeName = {
            "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
            "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
            "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration"
        })
public class AxonJdbcOrderingAutoConfiguration {
}
