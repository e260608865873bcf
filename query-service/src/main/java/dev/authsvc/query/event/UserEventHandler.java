package dev.authsvc.query.event;

import dev.authsvc.events.UserEventEnvelope;

/**
 * Reacts to a user event besides the user read model (ending sessions, say). Called inside the transaction that
 * applies the event to {@code user_view}, and only for an event that is new there (or whose user has no row):
 * a redelivered or older event does not reach it.
 */
public interface UserEventHandler {

    void on(UserEventEnvelope event);
}
