package dev.authsvc.notifier.delivery;

/**
 * A failure that trying again will not fix: the provider refused the message (Twilio 4xx such as an invalid
 * number, SMTP 5xx), or the event itself is unusable (malformed, a sealed value that does not open).
 */
public sealed class PermanentDeliveryException extends DeliveryException permits SealedValueRefusedException {

    public PermanentDeliveryException(String reason) {
        super(reason);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
