package dev.authsvc.query.rebuild;

import dev.authsvc.query.web.ProblemException;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Starts rebuild jobs and reports them. A job runs on this instance's rebuild thread; its row is in the shared
 * database, so any instance reports it, and one job runs at a time across all of them. A job whose instance
 * stopped (no heartbeat for {@code stale-after}) is reported failed and frees the slot.
 */
@Service
public class ReadModelRebuilds {

    private final RebuildJobRepository jobs;
    private final UserViewRebuild rebuild;
    private final RebuildProperties properties;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    ReadModelRebuilds(RebuildJobRepository jobs, UserViewRebuild rebuild, RebuildProperties properties, Clock clock) {
        this.jobs = jobs;
        this.rebuild = rebuild;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts a rebuild of every read model built from the topic (today: user_view); 409 while one runs. */
    public RebuildJob start() {
        jobs.running().ifPresent(this::failIfStale);
        String jobId = UUID.randomUUID().toString();
        RebuildJob job = jobs.startRunning(jobId, UserViewRebuild.READ_MODEL, clock.instant())
                .orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, "A rebuild is already running (job "
                        + jobs.running().map(RebuildJob::jobId).orElse("just started") + "); wait for it to end."));
        runner.execute(() -> rebuild.run(jobId));
        return job;
    }

    /** The job, as its row says now (a job abandoned by a stopped instance as failed). */
    public Optional<RebuildJob> find(String jobId) {
        return jobs.find(jobId).map(job -> failIfStale(job) ? jobs.find(jobId).orElse(job) : job);
    }

    private boolean failIfStale(RebuildJob job) {
        if (job.state() != RebuildJob.State.RUNNING) {
            return false;
        }
        Instant now = clock.instant();
        return jobs.failIfStale(job.jobId(), now.minus(properties.staleAfter()),
                "abandoned: no progress since " + job.heartbeatAt() + " (the instance running it stopped); "
                        + "the live table keeps what it had", now);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        runner.shutdownNow();
        runner.awaitTermination(10, TimeUnit.SECONDS);
    }
}
