package dev.authsvc.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.testsupport.TestDatabase;
import dev.authsvc.command.support.TestSecrets;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Boot 4 and Axon 4.13 only wire a JDBC event store with Spring transactions when the ordering fix is in place. */
@SpringBootTest
class AxonWiringIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestSecrets.register(registry);
    }

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    TransactionManager transactionManager;

    @Test
    void eventsAreStoredWithTheJdbcEngineInSpringManagedTransactions() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
    }
}
