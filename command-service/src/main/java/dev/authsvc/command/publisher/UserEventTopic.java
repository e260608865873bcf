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

    private final KafkaAdmin admin;
    private volatile boolean ready;

    UserEventTopic(KafkaAdmin admin) {
        this.admin = admin;
    }

    void ensureExists() {
        if (!ready) {
            create();
        }
    }

    /** Synchronized: the processor's threads would otherwise each open an admin client at the same time. */
    private synchronized void create() {
        if (ready) {
            return;
        }
        boolean created;
        try {
            created = admin.initialize();
        } catch (RuntimeException e) {
            throw new PublishFailedException("could not create or check topic " + UserEventEnvelope.TOPIC, e);
        }
        if (!created) {
            throw new PublishFailedException("could not create or check topic " + UserEventEnvelope.TOPIC, null);
        }
        ready = true;
    }
}
