/**
 * The public contract of topic {@value dev.authsvc.events.UserEventEnvelope#TOPIC}, in plain Java (no Spring, no
 * Axon), for the publisher, the services' consumers and any Java subscriber.
 *
 * <p>An event is a {@link dev.authsvc.events.UserEventEnvelope} whose {@code data} is its type's record from
 * {@code dev.authsvc.events.data} (typed as {@link dev.authsvc.events.data.UserEventData}, not a map and not a
 * type parameter: a subscriber dispatches with {@code instanceof} or a table keyed by the record's class, and a
 * list of mixed events needs no wildcards). {@link dev.authsvc.events.UserEventCodec} is the one writer and
 * reader of the JSON:
 *
 * <pre>{@code
 * Optional<UserEventEnvelope> event = UserEventCodec.read(record.value()); // empty: a type added later, skip it
 * if (event.isPresent() && event.get().data() instanceof OtpRequestedData otp) {
 *     ... otp.phoneNumber() ...
 * }
 * }</pre>
 *
 * <p>A value that is not an event throws {@link dev.authsvc.events.UnreadableEventException}, whose message never
 * quotes the value; each consumer decides what follows (query-service logs and skips it, the notifier
 * dead-letters it).
 */
package dev.authsvc.events;
