package dev.authsvc.notifier.delivery;

import java.util.Locale;

/** How a notification reaches the user. */
public enum Channel {
    SMS, EMAIL;

    /** The lower-case name used in the notification table, metrics tags and the dev outbox. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
