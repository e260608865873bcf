package dev.authsvc.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEvents;
import dev.authsvc.query.user.UserView;
import dev.authsvc.query.user.UserViewProjection;
import dev.authsvc.query.user.UserViewRepository;
import dev.authsvc.query.user.UserViewTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rebuild's batched writes end with the rows that applying the same events one by one gives: interleaved users,
 * events of different shapes for one user back to back, a redelivered registration and a redelivered older event.
 */
class RebuildBatchWriterIT extends QueryServiceTestSupport {

    @Autowired
    UserViewProjection projection;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void batchedWrites_giveTheRowsOfApplyingEachEventInTurn() {
        String a = TestEvents.uniqueUserId();
        String b = TestEvents.uniqueUserId();
        String c = TestEvents.uniqueUserId();
        Instant until = TestEvents.T0.plusSeconds(3600);
        List<UserEventEnvelope> events = new ArrayList<>(List.of(
                TestEvents.registered(a, "a@example.com", "+15550002001"),
                TestEvents.registered(b, "b@example.com", "+15550002002"),
                TestEvents.profileUpdated(a, 1, "A1", "Alast"),
                TestEvents.emailVerified(a, 2, "a@example.com"),
                TestEvents.profileUpdated(b, 1, "B1", null),
                TestEvents.profileUpdated(a, 3, "A3", null),
                TestEvents.locked(a, 4, until),
                TestEvents.loggedIn(b, 2, "s1"),
                TestEvents.registered(a, "again@example.com", "+15550002009"),
                TestEvents.profileUpdated(a, 2, "stale", "stale"),
                TestEvents.otpVerified(b, 3),
                TestEvents.profileUpdated(c, 1, "no row", "yet"),
                TestEvents.registered(c, "c@example.com", "+15550002003"),
                TestEvents.passwordResetCompleted(a, 5),
                TestEvents.profileUpdated(b, 4, "B4", "Blast")));
        UserViewRepository table = users.on(UserViewTable.REBUILD);
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);

        transactions.executeWithoutResult(status -> {
            table.deleteAll();
            events.forEach(event -> projection.apply(event, table));
        });
        List<UserView> oneByOne = rows(table, Set.of(a, b, c));
        transactions.executeWithoutResult(status -> {
            table.deleteAll();
            new RebuildBatchWriter(table, jdbcTemplate).write(events);
        });
        List<UserView> batched = rows(table, Set.of(a, b, c));
        transactions.executeWithoutResult(status -> table.deleteAll());

        assertThat(oneByOne).hasSize(3);
        assertThat(oneByOne.get(0).lastSequence()).isEqualTo(5);
        assertThat(batched).isEqualTo(oneByOne);
    }

    private static List<UserView> rows(UserViewRepository table, Set<String> ids) {
        return table.findAll().stream().filter(row -> ids.contains(row.userId()))
                .sorted((x, y) -> Long.compare(y.lastSequence(), x.lastSequence()))
                .toList();
    }
}
