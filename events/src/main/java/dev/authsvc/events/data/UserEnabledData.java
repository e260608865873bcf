package dev.authsvc.events.data;

/** {@code data} of {@code UserEnabled}: an admin enabled a disabled account again; its ended sessions stay ended. */
public record UserEnabledData() implements UserEventData {

    public static final String TYPE = "UserEnabled";
}
