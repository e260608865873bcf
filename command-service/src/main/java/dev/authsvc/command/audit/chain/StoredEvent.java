package dev.authsvc.command.audit.chain;

/**
 * One row of {@code domain_event_entry} as stored: the bytes and texts the chain's hash covers, plus the global
 * index (its position in the stream, which the hash leaves out: the database assigns it).
 */
public record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
        String type, String payloadType, String payloadRevision, String timeStamp, byte[] payload, byte[] metaData) {
}
