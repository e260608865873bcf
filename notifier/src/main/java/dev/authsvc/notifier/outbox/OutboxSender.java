package dev.authsvc.notifier.outbox;

import dev.authsvc.notifier.delivery.Channel;
import dev.authsvc.notifier.delivery.Notification;
import dev.authsvc.notifier.delivery.Sender;
import java.time.Clock;

/** Delivers a channel's messages to the dev outbox instead of a provider. */
public final class OutboxSender implements Sender {

    private final Channel channel;
    private final DevOutbox outbox;
    private final Clock clock;

    public OutboxSender(Channel channel, DevOutbox outbox, Clock clock) {
        this.channel = channel;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public String describe() {
        return "the dev outbox (GET /dev/outbox), not to the user: no provider is configured";
    }

    @Override
    public String send(Notification notification) {
        outbox.add(new OutboxEntry(channel.id(), notification.to(), notification.subject(), notification.text(),
                clock.instant(), notification.event().eventId()));
        return null;
    }
}
