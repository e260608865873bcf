package dev.authsvc.command.publisher;

import dev.authsvc.events.UserEventEnvelope;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Makes sure the topic exists, as the {@code NewTopic} bean describes it, before the first record is sent. This
 * runs on the publisher's thread, not at startup (where {@code KafkaAdmin} would hold the start up when no broker
 * answers): command-service starts and takes commands without Kafka. Creating the topic before sending also
 * keeps the broker from auto-creating it with its own partition count, which would change where a user's
 * records go once the partitions were added.
 */
class UserEventTopic {

    private static final String FAILED = "could not create or check topic " + UserEventEnvelope.TOPIC;

    private final KafkaAdmin admin;
    private volatile boolean ready;
    /** Failed attempts so far; written only while holding the lock. */
    private volatile int failures;

    UserEventTopic(KafkaAdmin admin) {
        this.admin = admin;
    }

    void ensureExists() {
        if (!ready) {
            create(failures);
        }
    }

    /**
     * One attempt at a time: the processor's threads would otherwise each open an admin client. A thread that
     * waited while another attempt failed fails at once instead of trying again, so an unreachable broker costs
     * one attempt per round of retries, not one per thread.
     */
    private synchronized void create(int failuresBefore) {
        if (ready) {
            return;
        }
        if (failures != failuresBefore) {
            throw new PublishFailedException(FAILED + " (another attempt just failed)", null);
        }
        boolean created;
        try {
            created = admin.initialize();
        } catch (RuntimeException e) {
            failures++;
            throw new PublishFailedException(FAILED, e);
        }
        if (!created) {
            failures++;
            throw new PublishFailedException(FAILED, null);
        }
        ready = true;
    }
}
