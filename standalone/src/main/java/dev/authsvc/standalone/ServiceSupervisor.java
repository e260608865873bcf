package dev.authsvc.standalone;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Keeps one service running: starts it, waits until it reports ready, and when it ends on its own starts it again
 * after the {@link RestartBackOff}'s wait, logging its exit code and the end of its log. A start that does not
 * become ready within the ready timeout is stopped and counts as a failed start; when the back-off gives up, the
 * supervisor stops and reports why to {@code onGiveUp}. One thread per service.
 */
final class ServiceSupervisor {

    static final int TAIL_LINES = 20;

    private final ServiceProcess.Spec spec;
    private final RestartBackOff backOff;
    private final Duration readyTimeout;
    private final Consumer<String> log;
    private final Consumer<String> onGiveUp;
    private final CompletableFuture<Void> firstReady = new CompletableFuture<>();
    private final Object lock = new Object();
    private final Thread thread;
    private boolean stopping;
    private ServiceProcess current;
    private volatile boolean ready;

    ServiceSupervisor(ServiceProcess.Spec spec, RestartBackOff backOff, Duration readyTimeout, Consumer<String> log,
            Consumer<String> onGiveUp) {
        this.spec = spec;
        this.backOff = backOff;
        this.readyTimeout = readyTimeout;
        this.log = log;
        this.onGiveUp = onGiveUp;
        this.thread = new Thread(this::superviseUntilStopped, "supervise-" + spec.name());
        this.thread.setDaemon(true);
    }

    String name() {
        return spec.name();
    }

    void start() {
        thread.start();
    }

    /** Completes when the service is ready for the first time; fails when the supervisor gives up or stops first. */
    CompletableFuture<Void> firstReady() {
        return firstReady;
    }

    boolean isReady() {
        return ready;
    }

    /** The service's current process, if one is running. */
    Optional<ProcessHandle> process() {
        synchronized (lock) {
            return Optional.ofNullable(current).filter(ServiceProcess::isAlive).map(ServiceProcess::handle);
        }
    }

    /** Step one of stopping: no more restarts, and the running process is asked to stop (SIGTERM). */
    void requestStop() {
        ServiceProcess running;
        synchronized (lock) {
            stopping = true;
            running = current;
            lock.notifyAll();
        }
        if (running != null) {
            running.requestStop();
        }
        firstReady.completeExceptionally(new IllegalStateException(spec.name() + " was stopped before it was ready"));
    }

    /** Whether this service's JVM writes its start-up cache when it stops ({@link ServiceProcess.Spec#writesCacheAtExit}). */
    boolean writesCacheAtExit() {
        return spec.writesCacheAtExit();
    }

    /** Step two: waits until {@code deadline} for the process to end, kills it if it has not, and ends the thread. */
    void awaitStopped(Instant deadline) throws InterruptedException {
        ServiceProcess running;
        synchronized (lock) {
            running = current;
        }
        if (running != null) {
            running.awaitStopped(Duration.between(Instant.now(), deadline));
        }
        thread.join(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()) + 5_000);
    }

    private void superviseUntilStopped() {
        try {
            while (true) {
                ServiceProcess process;
                synchronized (lock) {
                    if (stopping) {
                        return;
                    }
                    try {
                        process = spec.start();
                    } catch (IOException e) {
                        giveUp(spec.name() + " could not be started: " + e);
                        return;
                    }
                    current = process;
                }
                boolean becameReady = process.awaitReady(process.startedAt().plus(readyTimeout), this::isStopping);
                Instant readyAt = Instant.now();
                if (becameReady) {
                    ready = true;
                    if (!firstReady.complete(null)) {
                        log.accept(spec.name() + " is ready again, " + seconds(Duration.between(process.startedAt(),
                                readyAt)) + " after its restart");
                    }
                } else if (process.isAlive() && !isStopping()) {
                    log.accept(spec.name() + " did not become ready within " + seconds(readyTimeout) + " ("
                            + process.lastAnswer() + "); stopping it");
                    process.requestStop();
                    process.awaitStopped(Duration.ofSeconds(20));
                }
                int exitCode = process.awaitExit();
                ready = false;
                if (isStopping()) {
                    return;
                }
                Duration readyFor = becameReady ? Duration.between(readyAt, Instant.now()) : Duration.ZERO;
                RestartBackOff.Decision decision = backOff.afterExit(becameReady, readyFor);
                String exit = spec.name() + " exited with code " + exitCode + " after "
                        + seconds(Duration.between(process.startedAt(), Instant.now()))
                        + (becameReady ? "" : ", never ready (" + process.lastAnswer() + ")")
                        + "; the end of " + spec.log() + ":\n" + process.tail(TAIL_LINES);
                if (decision.giveUp()) {
                    giveUp(exit + "\n" + spec.name() + " failed to start " + decision.failedStartsInARow()
                            + " times in a row; giving up");
                    return;
                }
                log.accept(exit + "\nRestarting " + spec.name() + " in " + seconds(decision.delay()) + ".");
                synchronized (lock) {
                    Instant restartAt = Instant.now().plus(decision.delay());
                    while (!stopping && Instant.now().isBefore(restartAt)) {
                        lock.wait(Math.max(1, Duration.between(Instant.now(), restartAt).toMillis()));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    private void giveUp(String reason) {
        // The stack hears first, so whoever waits for the first ready sees a stack already stopping.
        onGiveUp.accept(reason);
        firstReady.completeExceptionally(new IllegalStateException(reason));
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }
}
