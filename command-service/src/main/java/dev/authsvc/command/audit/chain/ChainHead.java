package dev.authsvc.command.audit.chain;

/** One row of {@code event_chain_head}: the last link of a user's chain, so a chain cut short shows. */
public record ChainHead(String aggregateIdentifier, long sequenceNumber, String hash) {
}
