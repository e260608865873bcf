package dev.authsvc.notifier.delivery;

/** A way out for one channel: a provider (Twilio, SMTP) or the dev outbox. */
public interface Sender {

    Channel channel();

    /**
     * Hands the notification over and answers the provider's reference for it (a message SID, a Message-ID).
     *
     * @throws RetryableDeliveryException when trying again later may succeed
     * @throws PermanentDeliveryException when it never will
     */
    String send(Notification notification);

    /** Where this sender delivers, for the start-up log; no secret. */
    String describe();
}
