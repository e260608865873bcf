package dev.authsvc.query.support;

import dev.authsvc.events.UserEventEnvelope;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Writes records to the topic as the publisher does: key = user id, value = the envelope's JSON. */
public final class TestEventProducer implements AutoCloseable {

    private final DefaultKafkaProducerFactory<String, String> factory;
    private final KafkaTemplate<String, String> template;
    private final String topic;

    public TestEventProducer(String bootstrapServers, String topic) {
        this.factory = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
        this.template = new KafkaTemplate<>(factory);
        this.topic = topic;
    }

    public void send(UserEventEnvelope... envelopes) {
        for (UserEventEnvelope envelope : envelopes) {
            sendRaw(envelope.userId(), TestEvents.json(envelope));
        }
    }

    public void sendRaw(String key, String value) {
        try {
            template.send(topic, key, value).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        factory.destroy();
    }
}
