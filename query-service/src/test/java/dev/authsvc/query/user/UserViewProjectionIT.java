package dev.authsvc.query.user;

import static dev.authsvc.query.support.TestEvents.T0;
import static dev.authsvc.query.support.TestEvents.emailVerified;
import static dev.authsvc.query.support.TestEvents.locked;
import static dev.authsvc.query.support.TestEvents.loggedIn;
import static dev.authsvc.query.support.TestEvents.otpVerified;
import static dev.authsvc.query.support.TestEvents.phoneChanged;
import static dev.authsvc.query.support.TestEvents.profileUpdated;
import static dev.authsvc.query.support.TestEvents.registered;
import static dev.authsvc.query.support.TestEvents.uniqueEmail;
import static dev.authsvc.query.support.TestEvents.uniquePhone;
import static dev.authsvc.query.support.TestEvents.uniqueUserId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class UserViewProjectionIT extends QueryServiceTestSupport {

    @Autowired
    MeterRegistry meters;

    @Test
    void eventsOnTheTopic_buildTheUserView() {
        String userId = uniqueUserId();
        String email = uniqueEmail();
        String phone = uniquePhone();
        String newPhone = uniquePhone();
        Instant lockedUntil = T0.plus(1, ChronoUnit.HOURS);

        publish(registered(userId, email, phone),
                profileUpdated(userId, 2, "Grace", null),
                otpVerified(userId, 3),
                phoneChanged(userId, 5, phone, newPhone),
                emailVerified(userId, 6, email),
                locked(userId, 7, lockedUntil));

        UserView user = awaitSequence(userId, 7);
        assertThat(user).isEqualTo(new UserView(userId, email, newPhone, "Grace", "Lovelace", "employee",
                true, true, lockedUntil, null, T0, at(7), 7));
    }

    @Test
    void theSameEventDeliveredTwice_changesNothing() {
        String userId = uniqueUserId();
        UserEventEnvelope update = profileUpdated(userId, 1, "Grace", "Hopper");
        publish(registered(userId, uniqueEmail(), uniquePhone()), update);
        UserView before = awaitSequence(userId, 1);
        double stale = staleCount();

        publish(update, update);
        // A later event of the same user (same key, so same partition) proves the copies were consumed.
        publish(loggedIn(userId, 2, "s-1"));

        UserView after = awaitSequence(userId, 2);
        assertThat(after).usingRecursiveComparison().ignoringFields("lastSequence").isEqualTo(before);
        assertThat(staleCount() - stale).isEqualTo(2);
    }

    @Test
    void anOlderSequence_changesNothing() {
        String userId = uniqueUserId();
        publish(registered(userId, uniqueEmail(), uniquePhone()),
                profileUpdated(userId, 5, "Newer", "Name"),
                profileUpdated(userId, 3, "Older", "Name"),
                loggedIn(userId, 6, "s-1"));

        UserView user = awaitSequence(userId, 6);
        assertThat(user.firstName()).isEqualTo("Newer");
        assertThat(user.updatedAt()).isEqualTo(at(5));
    }

    @Test
    void unreadableRecordsAndUnknownTypes_areSkipped_andTheStreamMovesOn() {
        String userId = uniqueUserId();
        publishRaw(userId, "this is not JSON");
        publishRaw(userId, "{\"type\": \"UserRegistered\"}");
        publishRaw(userId, """
                {"event_id": "e-later", "type": "SomethingAddedLater", "schema_version": 1, "user_id": "%s",
                 "sequence": 0, "occurred_at": "2026-11-01T10:00:00Z", "data": {}}""".formatted(userId));
        publishRaw(userId, """
                {"event_id": "e-nulls", "type": "PhoneNumberChanged", "schema_version": 1, "user_id": "%s",
                 "sequence": 9, "occurred_at": "2026-11-01T10:00:00Z", "data": {}}""".formatted(userId));
        publish(registered(userId, uniqueEmail(), uniquePhone()));
        // A null field reads as absent.
        publishRaw(userId, """
                {"event_id": "e-4", "type": "PhoneNumberChanged", "schema_version": 1, "user_id": "%s", "sequence": 4,
                 "occurred_at": "2026-11-01T10:04:00Z", "some_later_field": true,
                 "data": {"previous_phone_number": null, "phone_number": "+15550001111"}}""".formatted(userId));

        UserView user = awaitSequence(userId, 4);
        assertThat(user.phoneNumber()).isEqualTo("+15550001111");
    }

    @Test
    void consumerLag_isAMetric() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").gauges()).isNotEmpty());
        assertThat(meters.find("authsvc.user_events").tag("outcome", "applied").counter()).isNotNull();
    }

    private double staleCount() {
        return meters.get("authsvc.user_events").tag("outcome", "stale").counter().count();
    }

    private static Instant at(long sequence) {
        return T0.plus(sequence, ChronoUnit.MINUTES);
    }
}
