package dev.authsvc.command.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;

class UserEventTopicTest {

    private final KafkaAdmin admin = mock(KafkaAdmin.class);
    private final UserEventTopic topic = new UserEventTopic(admin);

    @Test
    void theTopicIsCheckedOnlyUntilItExists() {
        when(admin.initialize()).thenReturn(true);

        topic.ensureExists();
        topic.ensureExists();

        verify(admin, times(1)).initialize();
    }

    @Test
    void aFailedCheckThrows_andTheNextCallTriesAgain() {
        when(admin.initialize()).thenReturn(false).thenThrow(new IllegalStateException("Could not configure topics"))
                .thenReturn(true);

        assertThatThrownBy(topic::ensureExists).isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("auth.user-events.v1");
        assertThatThrownBy(topic::ensureExists).isInstanceOf(PublishFailedException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        topic.ensureExists();

        verify(admin, times(3)).initialize();
    }

    @Test
    void aThreadThatWaitedWhileAnotherAttemptFailed_failsWithoutTryingAgain() throws Exception {
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        when(admin.initialize()).thenAnswer(invocation -> {
            checking.countDown();
            answer.await(5, TimeUnit.SECONDS);
            return false;
        });
        CompletableFuture<Void> first = CompletableFuture.runAsync(topic::ensureExists);
        assertThat(checking.await(5, TimeUnit.SECONDS)).isTrue();

        AtomicReference<Throwable> secondFailure = new AtomicReference<>();
        Thread second = new Thread(() -> {
            try {
                topic.ensureExists();
            } catch (Throwable e) {
                secondFailure.set(e);
            }
        });
        second.start();
        // Blocked on the lock, so it has seen the failure count from before the first attempt ends.
        await().atMost(Duration.ofSeconds(5)).until(() -> second.getState() == Thread.State.BLOCKED);
        answer.countDown();
        second.join(5000);

        assertThatThrownBy(first::join).hasCauseInstanceOf(PublishFailedException.class);
        assertThat(secondFailure.get()).isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("another attempt just failed");
        verify(admin, times(1)).initialize();
    }
}
