package dev.authsvc.command.audit.chain;

/** One row of {@code event_chain}: what was hashed for the event at this sequence of its user, and the hash. */
public record ChainLink(String aggregateIdentifier, long sequenceNumber, String eventIdentifier, long globalIndex,
        String payloadDigest, String metaDataDigest, String previousHash, String hash) {
}
