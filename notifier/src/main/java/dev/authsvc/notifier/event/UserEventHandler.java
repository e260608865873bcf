package dev.authsvc.notifier.event;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.PhoneNumberChangedData;
import dev.authsvc.events.data.UserRegisteredData;
import dev.authsvc.notifier.delivery.Channel;
import dev.authsvc.notifier.delivery.DeliveryService;
import dev.authsvc.notifier.delivery.EventRef;
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

    private final UserEventReader reader;
    private final RecipientDirectory recipients;
    private final NotificationComposer composer;
    private final DeliveryService deliveries;

    public UserEventHandler(UserEventReader reader, RecipientDirectory recipients, NotificationComposer composer,
            DeliveryService deliveries) {
        this.reader = reader;
        this.recipients = recipients;
        this.composer = composer;
        this.deliveries = deliveries;
    }

    public void handle(String value) {
        UserEventEnvelope event = reader.read(value);
        keepRecipientCurrent(event);
        Optional<Channel> channel = NotificationComposer.channelFor(event.type());
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

    private void keepRecipientCurrent(UserEventEnvelope event) {
        if (UserRegisteredData.TYPE.equals(event.type())) {
            UserRegisteredData data = reader.data(event, UserRegisteredData.class);
            recipients.update(event.userId(), event.sequence(), data.email(), data.phoneNumber());
        } else if (PhoneNumberChangedData.TYPE.equals(event.type())) {
            PhoneNumberChangedData data = reader.data(event, PhoneNumberChangedData.class);
            recipients.update(event.userId(), event.sequence(), null, data.phoneNumber());
        }
    }
}
