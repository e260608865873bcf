package dev.authsvc.command.audit.chain;

/** The outcome of walking one user's chain: how many stored events it checked, and the first break, or null. */
public record ChainVerification(String userId, int eventsChecked, BrokenLink brokenLink) {

    public boolean intact() {
        return brokenLink == null;
    }
}
