package dev.authsvc.notifier.delivery;

/** What became of an event's notification on one channel, as the notification table records it. */
public enum NotificationStatus {
    /** Handed to the provider (or the dev outbox). */
    SENT,
    /** Not sent: its code or token had expired before the event was consumed. */
    EXPIRED,
    /** Not sent: the notifier knows no address for the user (a notice for a user it never saw register). */
    NO_RECIPIENT,
    /** Not sent: the provider refused it, or transient failures outlasted the retries; the event is dead-lettered. */
    FAILED;

    /** Settled rows end the matter: a redelivered event sends nothing. A failure may be tried again. */
    public boolean settled() {
        return this != FAILED;
    }
}
