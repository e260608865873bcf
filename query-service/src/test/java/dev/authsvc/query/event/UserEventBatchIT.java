package dev.authsvc.query.event;

import static dev.authsvc.query.support.TestEvents.profileUpdated;
import static dev.authsvc.query.support.TestEvents.registered;
import static dev.authsvc.query.support.TestEvents.uniqueEmail;
import static dev.authsvc.query.support.TestEvents.uniquePhone;
import static dev.authsvc.query.support.TestEvents.uniqueUserId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.query.support.FailingEventHandler;
import dev.authsvc.query.support.QueryServiceTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The records of a poll are applied in one transaction: when applying one of them fails (here a handler of the
 * tests throws twice for one user, as a database that is briefly away would), the whole batch is rolled back and
 * applied again, so every event ends applied exactly once, the others of the batch included, and skipped records
 * are counted once.
 */
class UserEventBatchIT extends QueryServiceTestSupport {

    @Autowired
    MeterRegistry meters;

    @Test
    void aBatchThatFailsToApply_isAppliedAgainWhole_andEachEventCountsOnce() {
        String failing = uniqueUserId();
        String other = uniqueUserId();
        FailingEventHandler.failTimes(failing, 2);
        double applied = count("applied");
        double stale = count("stale");
        double unreadable = count("unreadable");

        publish(registered(other, uniqueEmail(), uniquePhone()), registered(failing, uniqueEmail(), uniquePhone()));
        publishRaw(other, "not an event");
        publish(profileUpdated(other, 1, "Ada", null), profileUpdated(failing, 1, "Grace", null));

        assertThat(awaitSequence(failing, 1).firstName()).isEqualTo("Grace");
        assertThat(awaitSequence(other, 1).firstName()).isEqualTo("Ada");
        assertThat(FailingEventHandler.failuresLeft(failing)).isZero();
        assertThat(count("applied") - applied).isEqualTo(4);
        assertThat(count("stale") - stale).isZero();
        assertThat(count("unreadable") - unreadable).isEqualTo(1);
    }

    private double count(String outcome) {
        return meters.get("authsvc.user_events").tag("outcome", outcome).counter().count();
    }
}
