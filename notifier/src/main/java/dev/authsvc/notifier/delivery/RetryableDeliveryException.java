package dev.authsvc.notifier.delivery;

/** A failure that may pass: a provider's 5xx or 429, a timeout, a refused connection, an SMTP 4xx. */
public final class RetryableDeliveryException extends DeliveryException {

    public RetryableDeliveryException(String reason) {
        super(reason);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
