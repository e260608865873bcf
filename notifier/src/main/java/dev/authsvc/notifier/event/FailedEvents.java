package dev.authsvc.notifier.event;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.notifier.config.NotifierProperties;
import dev.authsvc.notifier.delivery.Channel;
import dev.authsvc.notifier.delivery.DeliveryException;
import dev.authsvc.notifier.delivery.DeliveryMetrics;
import dev.authsvc.notifier.delivery.DeliveryService;
import dev.authsvc.notifier.delivery.EventRef;
import dev.authsvc.notifier.delivery.SealedValueRefusedException;
import dev.authsvc.notifier.privacy.Masks;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.stereotype.Component;

/**
 * What becomes of an event whose handling failed, as the consumer's error handler reports it. Each retry is
 * counted. When the error handler gives up (a permanent failure, or retries exhausted) the failure is recorded in
 * the notification table, then the record goes unchanged to {@code <topic>.DLT} with the reason in header
 * {@value #REASON_HEADER} (beside spring-kafka's {@code kafka_dlt-*} headers, without the stack trace). Once
 * that returns, the consumer commits past the record and the partition moves on.
 */
@Component
public class FailedEvents implements ConsumerRecordRecoverer, RetryListener {

    public static final String REASON_HEADER = "notifier-failure-reason";

    private static final Logger LOG = LoggerFactory.getLogger(FailedEvents.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final String deadLetterTopic;
    private final int maxRetries;
    private final DeliveryService deliveries;
    private final DeliveryMetrics metrics;

    public FailedEvents(KafkaOperations<Object, Object> kafka, NotifierProperties properties,
            DeliveryService deliveries, DeliveryMetrics metrics) {
        this.deadLetterTopic = properties.deadLetterTopic();
        this.maxRetries = properties.retry().maxRetries();
        this.publisher = new DeadLetterPublishingRecoverer(kafka,
                // Partition -1: the key picks it, whatever the dead-letter topic's partition count.
                (record, failure) -> new TopicPartition(deadLetterTopic, -1));
        publisher.excludeHeader(HeadersToAdd.EX_STACKTRACE);
        publisher.addHeadersFunction((record, failure) -> new RecordHeaders()
                .add(REASON_HEADER, reason(failure).getBytes(StandardCharsets.UTF_8)));
        this.deliveries = deliveries;
        this.metrics = metrics;
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        boolean retryable = DeliveryException.in(failure).map(DeliveryException::retryable).orElse(true);
        if (retryable && deliveryAttempt <= maxRetries) {
            metrics.retried(channelId(readable(record)));
        }
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception failure) {
        String reason = reason(failure);
        Optional<UserEventEnvelope> event = readable(record);
        Optional<Channel> channel = event.flatMap(NotificationComposer::channelFor);
        if (event.isPresent() && channel.isPresent()) {
            deliveries.recordFailure(EventRef.of(event.get()), channel.get(), reason);
        }
        publisher.accept(record, failure);
        metrics.deadLettered(channelId(event));
        if (DeliveryException.in(failure).filter(SealedValueRefusedException.class::isInstance).isPresent()) {
            metrics.sealedValueRefused(event.map(UserEventEnvelope::type).orElse(DeliveryMetrics.UNKNOWN_CHANNEL));
            LOG.warn("refused a sealed value that does not open for its own event: altered, or copied into a "
                    + "forged event by someone who can write to the topic");
        }
        LOG.warn("dead-lettered {} to {}: {}",
                event.map(e -> EventRef.of(e).toString())
                        .orElse("record " + record.topic() + "-" + record.partition() + "@" + record.offset()),
                deadLetterTopic, reason);
    }

    /** The failure as it goes into the header, the table and the log: no code, token or full address. */
    static String reason(Exception failure) {
        Optional<DeliveryException> delivery = DeliveryException.in(failure);
        if (delivery.isPresent()) {
            return delivery.get().retryable() ? "retries exhausted; last failure: " + delivery.get().getMessage()
                    : delivery.get().getMessage();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "unexpected failure: " + root.getClass().getName()
                + (root.getMessage() == null ? "" : ": " + Masks.scrub(root.getMessage()));
    }

    private Optional<UserEventEnvelope> readable(ConsumerRecord<?, ?> record) {
        try {
            return UserEventHandler.read(record.value() instanceof String value ? value : null);
        } catch (DeliveryException unreadable) {
            return Optional.empty();
        }
    }

    private static String channelId(Optional<UserEventEnvelope> event) {
        return event.flatMap(NotificationComposer::channelFor)
                .map(Channel::id)
                .orElse(DeliveryMetrics.UNKNOWN_CHANNEL);
    }
}
