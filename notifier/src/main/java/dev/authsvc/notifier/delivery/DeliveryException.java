package dev.authsvc.notifier.delivery;

import java.util.Optional;

/**
 * A notification could not be delivered. The message is the reason as it goes into logs, the notification table
 * and the dead-letter header, so it never holds a code, a token or a full address, and there is deliberately no
 * cause: a provider's own exception may quote the recipient.
 */
public abstract sealed class DeliveryException extends RuntimeException
        permits RetryableDeliveryException, PermanentDeliveryException {

    protected DeliveryException(String reason) {
        super(reason, null, false, true);
    }

    public abstract boolean retryable();

    /** The delivery failure among {@code failure} and its causes (the listener container wraps it). */
    public static Optional<DeliveryException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DeliveryException delivery) {
                return Optional.of(delivery);
            }
        }
        return Optional.empty();
    }
}
