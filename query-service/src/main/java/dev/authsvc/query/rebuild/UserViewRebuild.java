package dev.authsvc.query.rebuild;

import dev.authsvc.events.UnreadableEventException;
import dev.authsvc.events.UserEventCodec;
import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.query.config.QueryProperties;
import dev.authsvc.query.user.UserViewRepository;
import dev.authsvc.query.user.UserViewTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds {@code user_view} from the topic while the live table keeps serving and the live consumers keep
 * applying to it:
 * <ol>
 * <li>reads the topic from its beginning offsets up to the end offsets taken at the start, with a consumer of its
 * own (all partitions assigned, no group, nothing committed), and applies each batch of records in one
 * transaction to {@code user_view_rebuild} with the live projection's table of changes
 * ({@link RebuildBatchWriter}); then the records that arrived meanwhile, up to the end offsets of that moment;</li>
 * <li>compares the rebuilt rows with the live ones ({@link UserViewComparison});</li>
 * <li>switches: in one transaction, every live row that the rebuilt table has at the same sequence takes the
 * rebuilt values, and the rebuild table is emptied. A row's sequence never changes in the switch, so the live
 * consumers (of every instance) go on applying exactly the events that are new to each row: no event is lost or
 * skipped, and their session handlers run as before. Rows at other sequences are the live consumers' to move on.</li>
 * </ol>
 * A failure leaves the live table as it was.
 */
@Component
class UserViewRebuild {

    static final String READ_MODEL = "user_view";

    private static final Logger log = LoggerFactory.getLogger(UserViewRebuild.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final JdbcTemplate jdbc;
    private final UserViewRepository live;
    private final UserViewRepository rebuilt;
    private final RebuildJobRepository jobs;
    private final TransactionTemplate transactions;
    private final KafkaProperties kafka;
    private final String topic;
    private final RebuildProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    UserViewRebuild(JdbcTemplate jdbc, UserViewRepository users,
            RebuildJobRepository jobs, PlatformTransactionManager transactionManager, KafkaProperties kafka,
            QueryProperties queryProperties, RebuildProperties properties, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.live = users.on(UserViewTable.LIVE);
        this.rebuilt = users.on(UserViewTable.REBUILD);
        this.jobs = jobs;
        this.transactions = new TransactionTemplate(transactionManager);
        this.kafka = kafka;
        this.topic = queryProperties.events().topic();
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** Runs job {@code jobId} to its end, recording its progress and its outcome in its row. */
    void run(String jobId) {
        Progress progress = new Progress(jobId);
        try (KafkaConsumer<String, String> consumer = consumer(jobId)) {
            requireSameColumns();
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, properties.brokerTimeout());
            beginning.forEach((partition, offset) -> {
                if (offset > 0) {
                    // The topic keeps everything (retention.ms -1): a later start means history was deleted.
                    throw new RebuildFailure("partition " + partition + " starts at offset " + offset
                            + ", not 0: the topic no longer holds the whole history, so it cannot rebuild the read model");
                }
            });
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, properties.brokerTimeout());
            long total = partitions.stream().mapToLong(partition -> end.get(partition) - beginning.get(partition)).sum();
            progress.total(total);
            jobs.total(jobId, total, clock.instant());
            log.info("Rebuild {} of {}: {} events to apply from topic {} ({} partitions)", jobId, READ_MODEL, total,
                    topic, partitions.size());

            transactions.executeWithoutResult(status -> rebuilt.deleteAll());
            beginning.forEach(consumer::seek);
            read(consumer, end, batch -> {
                transactions.executeWithoutResult(status -> new RebuildBatchWriter(rebuilt, jdbc).write(batch));
            }, progress::applied);

            // What arrived meanwhile, so that as many rows as possible are at the live rows' sequences.
            Map<TopicPartition, Long> now = consumer.endOffsets(partitions, properties.brokerTimeout());
            read(consumer, now, batch -> {
                transactions.executeWithoutResult(status -> new RebuildBatchWriter(rebuilt, jdbc).write(batch));
            }, progress::caughtUp);

            UserViewComparison.Result result = UserViewComparison.compare(live.findAll(), rebuilt.findAll(),
                    properties.maxReportedDifferences());
            jobs.compared(jobId, result, clock.instant());
            log.info("Rebuild {} of {}: {} row(s) differ, {} only live, {} only rebuilt, {} at different sequences",
                    jobId, READ_MODEL, result.differing(), result.onlyLive(), result.onlyRebuilt(), result.notCompared());

            int rows = transactions.execute(status -> {
                int replaced = live.replaceRowsAtEqualSequenceWith(UserViewTable.REBUILD);
                rebuilt.deleteAll();
                return replaced;
            });
            log.info("Rebuild {} of {}: switched {} row(s) to the rebuilt values", jobId, READ_MODEL, rows);
            jobs.progress(jobId, progress.applied, progress.caughtUp, clock.instant());
            jobs.succeeded(jobId, clock.instant());
            log.info("Rebuild {} of {}: done, {} events applied, {} more that arrived during the rebuild", jobId,
                    READ_MODEL, progress.applied, progress.caughtUp);
        } catch (RuntimeException e) {
            String error = "the live table is untouched: " + describe(e);
            log.warn("Rebuild {} of {} failed, {}", jobId, READ_MODEL, error);
            jobs.progress(jobId, progress.applied, progress.caughtUp, clock.instant());
            jobs.failed(jobId, error, clock.instant());
        }
    }

    private void requireSameColumns() {
        List<String> liveColumns = live.columnNames();
        List<String> rebuildColumns = rebuilt.columnNames();
        if (!new HashSet<>(liveColumns).equals(new HashSet<>(rebuildColumns))) {
            throw new RebuildFailure("the columns of " + UserViewTable.REBUILD.sqlName() + " " + rebuildColumns
                    + " are not those of " + UserViewTable.LIVE.sqlName() + " " + liveColumns
                    + ": a migration changed one table and not the other");
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, properties.brokerTimeout());
        if (infos == null || infos.isEmpty()) {
            throw new RebuildFailure("topic " + topic + " has no partitions (does it exist?)");
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    /**
     * Polls until every partition's position reached {@code until}, handing each poll's records below it (at most
     * {@code batchSize}) to {@code apply} as events, and counting every record it read (unreadable ones and types
     * this service does not use are skipped, as the live consumer skips them).
     */
    private void read(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> until,
            Consumer<List<UserEventEnvelope>> apply, LongConsumer counted) {
        Set<TopicPartition> remaining = new HashSet<>(until.keySet());
        remaining.removeIf(partition -> consumer.position(partition, properties.brokerTimeout()) >= until.get(partition));
        long lastRecordAt = System.nanoTime();
        while (!remaining.isEmpty()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new RebuildFailure("stopped: the service is shutting down");
            }
            List<UserEventEnvelope> batch = new ArrayList<>();
            long records = 0;
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= until.getOrDefault(partition, 0L)) {
                    continue;
                }
                records++;
                event(record).ifPresent(batch::add);
            }
            if (records > 0) {
                apply.accept(batch);
                counted.accept(records);
                lastRecordAt = System.nanoTime();
            }
            remaining.removeIf(partition -> consumer.position(partition, properties.brokerTimeout()) >= until.get(partition));
            if (!remaining.isEmpty() && System.nanoTime() - lastRecordAt > properties.brokerTimeout().toNanos()) {
                throw new RebuildFailure("the broker delivered no record for " + properties.brokerTimeout().toSeconds()
                        + " s while partitions " + remaining + " still had records to read (is it reachable?)");
            }
        }
    }

    private static Optional<UserEventEnvelope> event(ConsumerRecord<String, String> record) {
        try {
            return record.value() == null ? Optional.empty() : UserEventCodec.read(record.value());
        } catch (UnreadableEventException e) {
            // Where, not what: the value may hold an email or a phone number.
            log.warn("Rebuild skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    private KafkaConsumer<String, String> consumer(String jobId) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        // No group: partitions are assigned, nothing is committed, the live consumers' offsets are not touched.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-service-rebuild-" + jobId);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.batchSize());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) properties.brokerTimeout().toMillis());
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static String describe(RuntimeException e) {
        if (e instanceof RebuildFailure) {
            return e.getMessage();
        }
        if (e instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "the Kafka broker did not answer in time (is it reachable?): " + e.getMessage();
        }
        if (e instanceof org.apache.kafka.common.KafkaException) {
            return "Kafka: " + e.getMessage();
        }
        if (e instanceof org.springframework.dao.DataAccessException) {
            // The driver's message may quote a row's values: name the kind of failure only.
            return "the database failed: " + e.getClass().getSimpleName();
        }
        return e.getClass().getSimpleName();
    }

    /** A reason to stop that the job reports as it is. */
    static final class RebuildFailure extends RuntimeException {

        RebuildFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** The job's counts: in its row every batch, in a metric and, each {@code logEvery} events, in the log. */
    private final class Progress {

        private final String jobId;
        private final Counter counter;
        private long total;
        private long applied;
        private long caughtUp;
        private long nextLog;

        Progress(String jobId) {
            this.jobId = jobId;
            this.counter = Counter.builder("authsvc.read_model_rebuild.events")
                    .description("History records a read-model rebuild has applied")
                    .tag("job", jobId)
                    .tag("read_model", READ_MODEL)
                    .register(meters);
            this.nextLog = properties.logEvery();
        }

        void total(long total) {
            this.total = total;
        }

        void applied(long records) {
            applied += records;
            counter.increment(records);
            jobs.progress(jobId, applied, caughtUp, clock.instant());
            if (applied >= nextLog) {
                log.info("Rebuild {} of {}: {} of {} events applied", jobId, READ_MODEL, applied, total);
                nextLog = (applied / properties.logEvery() + 1) * properties.logEvery();
            }
        }

        void caughtUp(long records) {
            caughtUp += records;
            jobs.progress(jobId, applied, caughtUp, clock.instant());
        }
    }
}
