package dev.authsvc.events.data;

/** The {@code data} of one integration event type; {@link UserEventTypes} maps each type name to its record. */
public interface UserEventData {
}
