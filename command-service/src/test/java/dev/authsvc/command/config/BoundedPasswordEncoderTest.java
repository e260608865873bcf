package dev.authsvc.command.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.authsvc.command.config.BoundedPasswordEncoder.PasswordHashingBusyException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The bound on password work, with an encoder that holds each call until the test lets it go (a stand-in for a
 * bcrypt's quarter second, so the order and the waits are the test's, not the machine's).
 */
class BoundedPasswordEncoderTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    /** Every password the held encoder was asked about, in the order its calls began. */
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final PasswordEncoder held = new PasswordEncoder() {
        @Override
        public String encode(CharSequence rawPassword) {
            hold(rawPassword);
            return "hash:" + rawPassword;
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            hold(rawPassword);
            return encodedPassword.equals("hash:" + rawPassword);
        }

        @Override
        public boolean upgradeEncoding(String encodedPassword) {
            return encodedPassword.startsWith("old:");
        }

        private void hold(CharSequence rawPassword) {
            started.add(rawPassword.toString());
            try {
                assertThat(release.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    /** A thread per call: the common pool has one thread on two cores, and every call here blocks. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void letEverythingGo() {
        release.countDown();
        threads.shutdownNow();
    }

    @Test
    void aCheckThatCannotStartWithinTheWait_isRefusedWithoutReachingTheEncoder_andCounted() {
        BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(held, 1, Duration.ofMillis(50), meters);
        CompletableFuture<Boolean> first =
                CompletableFuture.supplyAsync(() -> encoder.matches("first", "hash:first"), threads);
        await().atMost(BOUND).until(() -> started.contains("first"));

        assertThatThrownBy(() -> encoder.matches("second", "hash:second"))
                .isInstanceOfSatisfying(PasswordHashingBusyException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(50)));
        assertThatThrownBy(() -> encoder.encode("third")).isInstanceOf(PasswordHashingBusyException.class);

        assertThat(started).containsExactly("first");
        assertThat(meters.get(BoundedPasswordEncoder.REFUSED_METRIC).counter().count()).isEqualTo(2.0);
        release.countDown();
        assertThat(first.join()).isTrue();
    }

    @Test
    void asManyChecksRunAtOnceAsThereArePermits_andTheNextOneWaits() {
        BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(held, 2, Duration.ofSeconds(30), meters);
        CompletableFuture<Boolean> a = CompletableFuture.supplyAsync(() -> encoder.matches("a", "hash:a"), threads);
        CompletableFuture<Boolean> b = CompletableFuture.supplyAsync(() -> encoder.matches("b", "hash:b"), threads);
        await().atMost(BOUND).until(() -> started.size() == 2);
        CompletableFuture<String> c = queued(encoder, "c", 1);

        assertThat(started).containsExactlyInAnyOrder("a", "b");
        release.countDown();

        assertThat(CompletableFuture.allOf(a, b, c).orTimeout(BOUND.toMillis(), TimeUnit.MILLISECONDS).join()).isNull();
        assertThat(started).last().isEqualTo("c");
        assertThat(meters.get(BoundedPasswordEncoder.REFUSED_METRIC).counter().count()).isZero();
    }

    @Test
    void checksWaitingForTheirTurn_startFirstComeFirstServed_onceTheRunningOneEnds() {
        BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(held, 1, Duration.ofSeconds(30), meters);
        CompletableFuture<Boolean> a = CompletableFuture.supplyAsync(() -> encoder.matches("a", "hash:a"), threads);
        await().atMost(BOUND).until(() -> started.contains("a"));
        CompletableFuture<String> b = queued(encoder, "b", 1);
        CompletableFuture<String> c = queued(encoder, "c", 2);
        CompletableFuture<String> d = queued(encoder, "d", 3);

        // The three others wait, counted by the gauge, until the running one ends; then one after the other.
        assertThat(started).containsExactly("a");
        assertThat(meters.get(BoundedPasswordEncoder.WAITING_METRIC).gauge().value()).isEqualTo(3.0);
        release.countDown();

        assertThat(CompletableFuture.allOf(a, b, c, d).orTimeout(BOUND.toMillis(), TimeUnit.MILLISECONDS).join())
                .isNull();
        assertThat(started).containsExactly("a", "b", "c", "d");
        assertThat(List.of(b.join(), c.join(), d.join())).containsExactly("hash:b", "hash:c", "hash:d");
        assertThat(meters.get(BoundedPasswordEncoder.REFUSED_METRIC).counter().count()).isZero();
    }

    @Test
    void askingWhetherAHashNeedsAnUpgrade_waitsForNoTurn() {
        BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(held, 1, Duration.ZERO, meters);
        CompletableFuture.runAsync(() -> encoder.encode("running"), threads);
        await().atMost(BOUND).until(() -> started.contains("running"));

        assertThat(encoder.upgradeEncoding("old:x")).isTrue();
        assertThat(encoder.upgradeEncoding("hash:x")).isFalse();
    }

    @Test
    void noTurnsOrANegativeWait_areRefusedAtConstruction() {
        assertThatThrownBy(() -> new BoundedPasswordEncoder(held, 0, Duration.ofSeconds(1), meters))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoundedPasswordEncoder(held, 1, Duration.ofSeconds(-1), meters))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Starts an encode of {@code password} and returns once it waits as the {@code position}th in line. */
    private CompletableFuture<String> queued(BoundedPasswordEncoder encoder, String password, int position) {
        CompletableFuture<String> hash = CompletableFuture.supplyAsync(() -> encoder.encode(password), threads);
        await().atMost(BOUND)
                .until(() -> meters.get(BoundedPasswordEncoder.WAITING_METRIC).gauge().value() == position);
        return hash;
    }
}
