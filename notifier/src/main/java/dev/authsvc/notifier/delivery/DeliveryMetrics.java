package dev.authsvc.notifier.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters, each tagged with the channel ({@code sms}, {@code email}, or {@code unknown} for an event
 * that could not be read): {@code notifier.notifications.sent}, {@code .failed} (tag {@code kind}: retryable or
 * permanent), {@code .retried}, {@code .dead.lettered}, {@code .skipped} (tag {@code reason}), and the timer
 * {@code authsvc.notification.handoff}, from the event's {@code occurred_at} (set by command-service when the event
 * was applied) to the provider's call returning with the message accepted (Twilio's Messages create, the SMTP send,
 * or the dev outbox's write), recorded once the notification is recorded sent.
 * {@code notifier.sealed.values.refused} (tag {@code type}, the event type) counts events dead-lettered because
 * their sealed code or token did not open for them: altered, or copied into a forged event. Alert on any.
 */
@Component
public class DeliveryMetrics {

    public static final String UNKNOWN_CHANNEL = "unknown";

    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void sent(Channel channel, Duration sinceEvent) {
        registry.counter("notifier.notifications.sent", "channel", channel.id()).increment();
        Timer.builder("authsvc.notification.handoff")
                .description("From the event's occurred_at to the provider's call returning with the message accepted")
                .tag("channel", channel.id())
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry)
                .record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
    }

    void failed(Channel channel, boolean retryable) {
        registry.counter("notifier.notifications.failed", "channel", channel.id(), "kind",
                retryable ? "retryable" : "permanent").increment();
    }

    void skipped(Channel channel, String reason) {
        registry.counter("notifier.notifications.skipped", "channel", channel.id(), "reason", reason).increment();
    }

    public void retried(String channel) {
        registry.counter("notifier.notifications.retried", "channel", channel).increment();
    }

    public void sealedValueRefused(String eventType) {
        registry.counter("notifier.sealed.values.refused", "type", eventType).increment();
    }

    public void deadLettered(String channel) {
        registry.counter("notifier.notifications.dead.lettered", "channel", channel).increment();
    }
}
