package dev.authsvc.web.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Which transaction manager a service gets: the group commit for an H2 file, Boot's own for anything else. */
class H2GroupCommitAutoConfigurationTest {

    @TempDir
    Path dir;

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    TransactionManagerCustomizationAutoConfiguration.class, H2GroupCommitAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class));

    @Test
    void anH2FileDatabaseCommitsThroughTheGroupCommit() {
        service.withPropertyValues("spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=60000",
                        "spring.transaction.default-timeout=7s")
                .run(context -> {
                    PlatformTransactionManager transactions = context.getBean(PlatformTransactionManager.class);
                    assertThat(transactions).isInstanceOf(GroupCommitTransactionManager.class);
                    // Boot's customizers still apply.
                    assertThat(((GroupCommitTransactionManager) transactions).getDefaultTimeout()).isEqualTo(7);

                    JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
                    jdbc.sql("CREATE TABLE t (id INT)").update();
                    new TransactionTemplate(transactions).executeWithoutResult(status ->
                            jdbc.sql("INSERT INTO t VALUES (1)").update());
                    TransactionTemplate readOnly = new TransactionTemplate(transactions);
                    readOnly.setReadOnly(true);
                    readOnly.executeWithoutResult(status -> jdbc.sql("SELECT COUNT(*) FROM t").query().singleValue());

                    GroupCommitTransactionManager groupCommit = (GroupCommitTransactionManager) transactions;
                    assertThat(groupCommit.awaitedCommits()).isEqualTo(1);
                    assertThat(groupCommit.storeWrites()).isEqualTo(1);
                });
    }

    @Test
    void anInMemoryDatabaseKeepsBootsTransactionManager() {
        service.withPropertyValues("spring.datasource.url=jdbc:h2:mem:groupcommit")
                .run(context -> assertThat(context.getBean(PlatformTransactionManager.class))
                        .isExactlyInstanceOf(JdbcTransactionManager.class));
    }

    @Test
    void itCanBeTurnedOff() {
        service.withPropertyValues("spring.datasource.url=jdbc:h2:file:" + dir.resolve("off"),
                        "auth.h2.group-commit=false")
                .run(context -> assertThat(context.getBean(PlatformTransactionManager.class))
                        .isExactlyInstanceOf(JdbcTransactionManager.class));
    }
}
