package dev.authsvc.notifier.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notification} table: what became of each event's notification per channel. */
@Repository
public class NotificationLog {

    private final JdbcClient jdbc;

    public NotificationLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<NotificationStatus> status(String eventId, Channel channel) {
        return jdbc.sql("SELECT status FROM notification WHERE event_id = ? AND channel = ?")
                .param(eventId)
                .param(channel.id())
                .query(String.class)
                .optional()
                .map(NotificationStatus::valueOf);
    }

    /**
     * Writes the {@code SENT} row before the send, in the caller's transaction, replacing an earlier failure. The
     * row commits only if the send succeeds; a concurrent consumer of the same event (during a rebalance) waits on
     * the key and then finds it taken.
     *
     * @return {@code false} when the event was settled already: nothing may be sent
     */
    boolean claim(Notification notification, Instant now) {
        EventRef event = notification.event();
        Optional<NotificationStatus> existing = status(event.eventId(), notification.channel());
        if (existing.isPresent() && existing.get().settled()) {
            return false;
        }
        if (existing.isPresent()) {
            jdbc.sql("DELETE FROM notification WHERE event_id = ? AND channel = ? AND status = 'FAILED'")
                    .param(event.eventId())
                    .param(notification.channel().id())
                    .update();
        }
        return insert(event, notification.channel(), NotificationStatus.SENT, notification.maskedTo(), null, now);
    }

    void sent(Notification notification, String providerRef) {
        jdbc.sql("UPDATE notification SET provider_ref = ? WHERE event_id = ? AND channel = ?")
                .param(truncate(providerRef, 255))
                .param(notification.event().eventId())
                .param(notification.channel().id())
                .update();
    }

    /** Records a notification that was not sent; an existing row wins, so this is safe to repeat. */
    boolean recordUnsent(EventRef event, Channel channel, NotificationStatus status, String detail, Instant now) {
        return insert(event, channel, status, null, detail, now);
    }

    /** Records (or refreshes) a failure; a settled row is left alone. */
    void recordFailure(EventRef event, Channel channel, String reason, Instant now) {
        int updated = jdbc.sql("UPDATE notification SET detail = ?, recorded_at = ? "
                        + "WHERE event_id = ? AND channel = ? AND status = 'FAILED'")
                .param(truncate(reason, 1000))
                .param(Timestamp.from(now))
                .param(event.eventId())
                .param(channel.id())
                .update();
        if (updated == 0) {
            insert(event, channel, NotificationStatus.FAILED, null, reason, now);
        }
    }

    private boolean insert(EventRef event, Channel channel, NotificationStatus status, String recipient,
            String detail, Instant now) {
        try {
            jdbc.sql("INSERT INTO notification (event_id, channel, event_type, user_id, status, recipient, detail, "
                            + "occurred_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .param(event.eventId())
                    .param(channel.id())
                    .param(event.type())
                    .param(event.userId())
                    .param(status.name())
                    .param(recipient)
                    .param(truncate(detail, 1000))
                    .param(Timestamp.from(event.occurredAt()))
                    .param(Timestamp.from(now))
                    .update();
            return true;
        } catch (DuplicateKeyException settledMeanwhile) {
            return false;
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
