package dev.authsvc.notifier.delivery;

import java.time.Duration;

/** How long a code or link stays valid, in words, rounded up: "1 minute", "5 minutes", "24 hours". */
public final class Durations {

    private Durations() {
    }

    public static String inWords(Duration validFor) {
        long minutes = Math.max(1, (validFor.toSeconds() + 59) / 60);
        if (minutes < 120) {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        return (minutes + 59) / 60 + " hours";
    }
}
