package dev.authsvc.command.publisher;

import dev.authsvc.events.UserEventCodec;
import dev.authsvc.events.UserEventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends each stored user event to {@value UserEventEnvelope#TOPIC}, keyed by user id. The processor hands it the
 * events of a batch one by one, in the store's order: each is sent at once, and before the batch's token is stored
 * every send must have been acknowledged by the broker (the unit of work's prepare-commit). Any failure is thrown,
 * so the processor keeps its token before the batch and sends the batch again later: every event reaches the topic
 * at least once, and a user's events in their order (one producer, idempotent, so the broker keeps the order of
 * the sends of each partition). A batch sent again repeats the events of it that had arrived, which subscribers
 * skip by their sequence (docs/events.md).
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String IN_FLIGHT = KafkaEventPublisher.class.getName() + ".inFlight";

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
        InFlight sent;
        try {
            sent = new InFlight(envelope, kafka.send(record));
        } catch (RuntimeException e) {
            // KafkaTemplate throws a failure it sees at once (no metadata within max.block.ms).
            throw failed(envelope, e);
        }
        if (!CurrentUnitOfWork.isStarted()) {
            awaitAll(List.of(sent));
            return;
        }
        inFlight(CurrentUnitOfWork.get()).add(sent);
    }

    /** The batch's sends not yet acknowledged; the first one registers the wait for them all. */
    private List<InFlight> inFlight(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(IN_FLIGHT, key -> {
            List<InFlight> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAll(sends));
            return sends;
        });
    }

    private void awaitAll(List<InFlight> sends) {
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (InFlight send : sends) {
            try {
                send.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw failed(send.envelope(), e.getCause());
            } catch (TimeoutException e) {
                throw failed(send.envelope(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed(send.envelope(), e);
            }
        }
    }

    private record InFlight(UserEventEnvelope envelope, CompletableFuture<SendResult<String, String>> result) {
    }

    private static PublishFailedException failed(UserEventEnvelope envelope, Throwable cause) {
        return new PublishFailedException("could not publish " + envelope.type() + " " + envelope.eventId()
                + " (user " + envelope.userId() + ", sequence " + envelope.sequence() + ") to "
                + UserEventEnvelope.TOPIC, cause);
    }
}
