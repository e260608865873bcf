package dev.authsvc.notifier.delivery;

/**
 * A permanent failure of its own kind: the event's sealed code or token does not open for that event's user,
 * type, field and recipient. Either it was altered, sealed under a key this notifier lacks, or copied from
 * another event (someone who can write to the topic re-addressing a live secret), so nothing is sent and the
 * event is dead-lettered and counted ({@code notifier.sealed.values.refused}).
 */
public final class SealedValueRefusedException extends PermanentDeliveryException {

    public SealedValueRefusedException(String reason) {
        super(reason);
    }
}
