package dev.authsvc.command.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.authsvc.command.user.api.EmailVerified;
import dev.authsvc.command.user.api.PasswordRehashed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

class KafkaEventPublisherTest {

    private static final Instant AT = Instant.parse("2026-11-25T09:15:02Z");

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);
    private final KafkaAdmin admin = mock(KafkaAdmin.class);
    private final KafkaEventPublisher publisher = new KafkaEventPublisher(new IntegrationEventMapper(), kafka,
            new UserEventTopic(admin), Duration.ofMillis(200));

    @Test
    void anEventIsSentKeyedByItsUserWithTypeAndVersionHeaders() {
        when(admin.initialize()).thenReturn(true);
        when(kafka.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(
                new SendResult<>(null, null)));

        publisher.publish(event(new EmailVerified("user-1", "ada@example.com", AT)));

        @SuppressWarnings("unchecked")
        ArgumentCaptor<ProducerRecord<String, String>> sent = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(kafka).send(sent.capture());
        ProducerRecord<String, String> record = sent.getValue();
        assertThat(record.topic()).isEqualTo("auth.user-events.v1");
        assertThat(record.key()).isEqualTo("user-1");
        assertThat(new String(record.headers().lastHeader("type").value(), StandardCharsets.UTF_8))
                .isEqualTo("EmailVerified");
        assertThat(new String(record.headers().lastHeader("schema_version").value(), StandardCharsets.UTF_8))
                .isEqualTo("1");
        assertThat(record.value()).contains("\"event_id\":\"event-4\"", "\"email\":\"ada@example.com\"");
    }

    @Test
    void aSendTheBrokerDoesNotAcknowledgeThrows_soTheProcessorRetriesTheEvent() {
        when(admin.initialize()).thenReturn(true);
        when(kafka.send(any(ProducerRecord.class))).thenReturn(
                CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s)")));

        assertThatThrownBy(() -> publisher.publish(event(new EmailVerified("user-1", "ada@example.com", AT))))
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("EmailVerified event-4 (user user-1, sequence 4)")
                .hasMessageNotContaining("ada@example.com")
                .hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void aSendThatIsNeverAnsweredTimesOutAndThrows() {
        when(admin.initialize()).thenReturn(true);
        when(kafka.send(any(ProducerRecord.class))).thenReturn(new CompletableFuture<>());

        assertThatThrownBy(() -> publisher.publish(event(new EmailVerified("user-1", "ada@example.com", AT))))
                .isInstanceOf(PublishFailedException.class)
                .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
    }

    @Test
    void nothingIsSentWhileTheTopicCannotBeChecked() {
        when(admin.initialize()).thenReturn(false);

        assertThatThrownBy(() -> publisher.publish(event(new EmailVerified("user-1", "ada@example.com", AT))))
                .isInstanceOf(PublishFailedException.class);
        verify(kafka, never()).send(any(ProducerRecord.class));
    }

    @Test
    void anEventThatIsNotPublishedIsSkippedWithoutTouchingKafka() {
        publisher.publish(event(new PasswordRehashed("user-1", "{bcrypt}$2a$12$abc", AT)));

        verifyNoInteractions(kafka, admin);
    }

    private static GenericDomainEventMessage<?> event(Object payload) {
        return new GenericDomainEventMessage<>("User", "user-1", 4, payload, MetaData.emptyInstance(), "event-4", AT);
    }
}
