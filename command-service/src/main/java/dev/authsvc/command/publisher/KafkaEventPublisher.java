package dev.authsvc.command.publisher;

import dev.authsvc.events.UserEventCodec;
import dev.authsvc.events.UserEventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends each stored user event to {@value UserEventEnvelope#TOPIC}, keyed by user id, and returns only once the
 * broker has acknowledged it. Any failure is thrown, so the streaming processor keeps its token before the event
 * and tries it again later: every event reaches the topic at least once, and a user's events in their order.
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";

    private final IntegrationEventMapper mapper;
    private final KafkaTemplate<String, String> kafka;
    private final UserEventTopic topic;
    private final Duration sendTimeout;

    KafkaEventPublisher(IntegrationEventMapper mapper, KafkaTemplate<String, String> kafka, UserEventTopic topic,
            Duration sendTimeout) {
        this.mapper = mapper;
        this.kafka = kafka;
        this.topic = topic;
        this.sendTimeout = sendTimeout;
    }

    @EventHandler
    public void publish(DomainEventMessage<?> event) {
        Optional<UserEventEnvelope> mapped = mapper.map(event);
        if (mapped.isEmpty()) {
            return;
        }
        UserEventEnvelope envelope = mapped.get();
        topic.ensureExists();
        ProducerRecord<String, String> record = new ProducerRecord<>(UserEventEnvelope.TOPIC, envelope.userId(),
                UserEventCodec.write(envelope));
        record.headers()
                .add(UserEventEnvelope.TYPE_HEADER, envelope.type().getBytes(StandardCharsets.UTF_8))
                .add(UserEventEnvelope.SCHEMA_VERSION_HEADER,
                        String.valueOf(envelope.schemaVersion()).getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failed(envelope, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            // RuntimeException: KafkaTemplate throws a failure it sees at once (no metadata within max.block.ms).
            throw failed(envelope, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(envelope, e);
        }
    }

    private static PublishFailedException failed(UserEventEnvelope envelope, Throwable cause) {
        return new PublishFailedException("could not publish " + envelope.type() + " " + envelope.eventId()
                + " (user " + envelope.userId() + ", sequence " + envelope.sequence() + ") to "
                + UserEventEnvelope.TOPIC, cause);
    }
}
