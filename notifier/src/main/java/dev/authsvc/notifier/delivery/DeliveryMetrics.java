package dev.authsvc.notifier.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters, each tagged with the channel ({@code sms}, {@code email}, or {@code unknown} for an event
 * that could not be read): {@code notifier.notifications.sent}, {@code .failed} (tag {@code kind}: retryable or
 * permanent), {@code .retried}, {@code .dead.lettered}, {@code .skipped} (tag {@code reason}), and the timer
 * {@code notifier.notifications.handoff}, from the event's {@code occurred_at} to the provider's acceptance.
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
        Timer.builder("notifier.notifications.handoff")
                .description("time from the event's occurred_at to the hand-off to the provider")
                .tag("channel", channel.id())
                .publishPercentileHistogram()
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
