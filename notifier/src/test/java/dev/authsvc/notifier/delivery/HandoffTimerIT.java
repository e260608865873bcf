package dev.authsvc.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.notifier.support.NotifierIntegrationTest;
import dev.authsvc.notifier.support.UserEvents;
import dev.authsvc.notifier.support.UserEvents.User;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code authsvc.notification.handoff}: from the event's occurred_at to the provider's call returning. */
class HandoffTimerIT extends NotifierIntegrationTest {

    @Test
    void aLoginCodeHandedToTwilio_isTimedOnTheSmsChannel_fromTheEventToTheProvidersAnswer() {
        assertHandOffTimed("sms", new User().otpRequested(UserEvents.newCode()));
    }

    @Test
    void aResetLinkHandedToTheSmtpServer_isTimedOnTheEmailChannel() {
        User user = new User();
        assertHandOffTimed("email", user.passwordResetRequested(UserEvents.newToken()));
    }

    private void assertHandOffTimed(String channel, UserEventEnvelope event) {
        long before = timer(channel).map(Timer::count).orElse(0L);
        double totalBefore = timer(channel).map(timer -> timer.totalTime(TimeUnit.MILLISECONDS)).orElse(0.0);

        publish(event);
        assertThat(awaitStatus(event, channel)).isEqualTo("SENT");

        Timer timer = await().atMost(WAIT).until(() -> timer(channel), found -> found.isPresent()
                && found.get().count() > before).orElseThrow();
        long sinceEvent = Duration.between(event.occurredAt(), Instant.now()).toMillis();
        // Other tests of this context may hand off at the same time: the mean of what was added is still bounded.
        double mean = (timer.totalTime(TimeUnit.MILLISECONDS) - totalBefore) / (timer.count() - before);
        assertThat(mean).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(sinceEvent);
        assertThat(timer.max(TimeUnit.MILLISECONDS)).isLessThan(WAIT.toMillis());
    }

    private Optional<Timer> timer(String channel) {
        return Optional.ofNullable(meters.find("authsvc.notification.handoff").tag("channel", channel).timer());
    }
}
