package dev.authsvc.command.publisher;

/**
 * An event could not be handed to Kafka. Thrown out of the event handler on purpose: the streaming processor
 * then keeps its token before this event and retries it later. The message names the event, never its content.
 */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
