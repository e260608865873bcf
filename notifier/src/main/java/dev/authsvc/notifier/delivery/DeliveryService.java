package dev.authsvc.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each event's notification at most once per channel: the {@code notification} row is written in the
 * transaction that wraps the send and commits only when the provider accepted the message, so a redelivered
 * event finds it and sends nothing. The consumer acknowledges the event only after this returns.
 */
@Service
public class DeliveryService {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);

    private final Map<Channel, Sender> senders = new EnumMap<>(Channel.class);
    private final NotificationLog log;
    private final TransactionTemplate transaction;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    public DeliveryService(List<Sender> senders, NotificationLog log, TransactionTemplate transaction,
            DeliveryMetrics metrics, Clock clock) {
        for (Sender sender : senders) {
            if (this.senders.put(sender.channel(), sender) != null) {
                throw new IllegalStateException("two senders for channel " + sender.channel().id());
            }
        }
        for (Channel channel : Channel.values()) {
            if (!this.senders.containsKey(channel)) {
                throw new IllegalStateException("no sender for channel " + channel.id());
            }
            LOG.info("{} goes to {}", channel.id(), this.senders.get(channel).describe());
        }
        this.log = log;
        this.transaction = transaction;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Whether this event's notification on this channel was sent or deliberately not sent already. */
    public boolean settled(EventRef event, Channel channel) {
        boolean settled = log.status(event.eventId(), channel).map(NotificationStatus::settled).orElse(false);
        if (settled) {
            metrics.skipped(channel, "duplicate");
            LOG.info("{} was handled before; nothing sent again", event);
        }
        return settled;
    }

    public void deliver(Notification notification) {
        Sender sender = senders.get(notification.channel());
        HandOff handOff;
        try {
            handOff = transaction.execute(status -> {
                if (!log.claim(notification, clock.instant())) {
                    status.setRollbackOnly();
                    return null;
                }
                String reference = sender.send(notification);
                Instant accepted = clock.instant();
                log.sent(notification, reference);
                return new HandOff(reference == null ? "" : reference, accepted);
            });
        } catch (DeliveryException failure) {
            metrics.failed(notification.channel(), failure.retryable());
            LOG.warn("{} failed ({}): {}", notification, failure.retryable() ? "retryable" : "permanent",
                    failure.getMessage());
            throw failure;
        }
        if (handOff == null) {
            metrics.skipped(notification.channel(), "duplicate");
            LOG.info("{} was sent before; nothing sent again", notification);
            return;
        }
        // Timed to the provider's call returning, not to this commit.
        Duration sinceEvent = Duration.between(notification.event().occurredAt(), handOff.acceptedAt());
        metrics.sent(notification.channel(), sinceEvent);
        LOG.info("sent {} ({} ms after the event, provider reference {})", notification, sinceEvent.toMillis(),
                handOff.providerRef().isEmpty() ? "none" : handOff.providerRef());
    }

    /** The provider's reference for a message it accepted ("" when it gives none), and when its call returned. */
    private record HandOff(String providerRef, Instant acceptedAt) {
    }

    /** Records a notification deliberately not sent (an expired code, no known address). */
    public void skip(EventRef event, Channel channel, NotificationStatus status, String detail) {
        if (log.recordUnsent(event, channel, status, detail, clock.instant())) {
            metrics.skipped(channel, status.name().toLowerCase(Locale.ROOT));
            LOG.info("not sending {} for {}: {}", channel.id(), event, detail);
        }
    }

    /** Records that the event's notification failed for good and goes to the dead-letter topic. */
    public void recordFailure(EventRef event, Channel channel, String reason) {
        log.recordFailure(event, channel, reason, clock.instant());
    }
}
