package dev.authsvc.web.h2;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionManager;

/**
 * Where a service keeps its data in an H2 file database ({@code spring.datasource.url} {@code jdbc:h2:} and not
 * {@code mem:}), its transaction manager is a {@link GroupCommitTransactionManager}: each commit is in the file
 * before the commit returns, and commits that happen together share one write. Off with
 * {@code auth.h2.group-commit=false} (then {@code WRITE_DELAY} alone decides when H2 writes). Other databases
 * (PostgreSQL) keep Boot's own transaction manager.
 */
@AutoConfiguration(
        afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration"},
        beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration")
@ConditionalOnClass(name = {"org.springframework.jdbc.support.JdbcTransactionManager",
    "org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers"})
@ConditionalOnBooleanProperty(name = "auth.h2.group-commit", matchIfMissing = true)
public class H2GroupCommitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    @Conditional(OnH2FileDatabase.class)
    GroupCommitTransactionManager transactionManager(DataSource dataSource, Environment environment,
            ObjectProvider<TransactionManagerCustomizers> customizers) {
        // The writes' own connection: the same URL and user as the pool's, so the same database in this JVM.
        DriverManagerDataSource writerConnections = new DriverManagerDataSource(
                environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"));
        GroupCommitTransactionManager transactionManager =
                new GroupCommitTransactionManager(dataSource, writerConnections);
        customizers.ifAvailable(each -> each.customize(transactionManager));
        return transactionManager;
    }

    static final class OnH2FileDatabase extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url", "");
            boolean h2File = url.startsWith("jdbc:h2:") && !url.contains(":mem:");
            return h2File ? ConditionOutcome.match("an H2 database in a file: " + url.split(";", 2)[0])
                    : ConditionOutcome.noMatch("not an H2 file database");
        }
    }
}
