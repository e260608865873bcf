package dev.authsvc.events.data;

/** {@code data} of {@code AccountUnlocked}: an admin lifted the lockout; the next login is counted from zero failures. */
public record AccountUnlockedData() implements UserEventData {

    public static final String TYPE = "AccountUnlocked";
}
