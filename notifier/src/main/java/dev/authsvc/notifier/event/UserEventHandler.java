package dev.authsvc.notifier.event;

import dev.authsvc.events.UnreadableEventException;
import dev.authsvc.events.UserEventCodec;
import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.PhoneNumberChangedData;
import dev.authsvc.events.data.UserRegisteredData;
import dev.authsvc.notifier.delivery.Channel;
import dev.authsvc.notifier.delivery.DeliveryService;
import dev.authsvc.notifier.delivery.EventRef;
import dev.authsvc.notifier.delivery.PermanentDeliveryException;
import dev.authsvc.notifier.event.NotificationComposer.Outcome;
import dev.authsvc.notifier.event.NotificationComposer.Send;
import dev.authsvc.notifier.event.NotificationComposer.Skip;
import dev.authsvc.notifier.recipient.RecipientDirectory;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the notifier does with one record of the user-event topic: keep the recipient table current, then send
 * the event's notification unless it was sent (or deliberately not sent) before. Returns normally only once the
 * outcome is recorded, which is when the consumer may commit the offset.
 */
@Component
public class UserEventHandler {

    private final RecipientDirectory recipients;
    private final NotificationComposer composer;
    private final DeliveryService deliveries;

    public UserEventHandler(RecipientDirectory recipients, NotificationComposer composer,
            DeliveryService deliveries) {
        this.recipients = recipients;
        this.composer = composer;
        this.deliveries = deliveries;
    }

    public void handle(String value) {
        Optional<UserEventEnvelope> read = read(value);
        if (read.isEmpty()) {
            // A type added later within v1: nothing to send, and no recipient in it that this version knows.
            return;
        }
        UserEventEnvelope event = read.get();
        keepRecipientCurrent(event);
        Optional<Channel> channel = NotificationComposer.channelFor(event);
        if (channel.isEmpty()) {
            return;
        }
        EventRef ref = EventRef.of(event);
        if (deliveries.settled(ref, channel.get())) {
            return;
        }
        Outcome outcome = composer.compose(event);
        if (outcome instanceof Send send) {
            deliveries.deliver(send.notification());
        } else if (outcome instanceof Skip skip) {
            deliveries.skip(ref, channel.get(), skip.status(), skip.detail());
        }
    }

    /**
     * The record's event, read with the contract's one reader; empty for a type added later. A record that can
     * never be read is a permanent failure, so it goes to the dead-letter topic instead of blocking its
     * partition; the reason names the problem, never the record's content.
     */
    static Optional<UserEventEnvelope> read(String value) {
        try {
            return UserEventCodec.read(value);
        } catch (UnreadableEventException e) {
            throw new PermanentDeliveryException("malformed event: " + e.getMessage());
        }
    }

    private void keepRecipientCurrent(UserEventEnvelope event) {
        if (event.data() instanceof UserRegisteredData registered) {
            recipients.update(event.userId(), event.sequence(), registered.email(), registered.phoneNumber());
        } else if (event.data() instanceof PhoneNumberChangedData changed) {
            recipients.update(event.userId(), event.sequence(), null, changed.phoneNumber());
        }
    }
}
