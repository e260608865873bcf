package dev.authsvc.command.audit.chain;

/**
 * The first place a user's chain does not hold: the user, the sequence number, what differs ({@code what}, one of
 * the constants of {@link ChainVerifier}) and a sentence saying so.
 */
public record BrokenLink(String userId, long sequence, String what, String detail) {
}
