package dev.authsvc.command.audit.application;

import dev.authsvc.command.audit.chain.BrokenLink;

/**
 * The result of walking hash chains: how many events and users were checked, whether every chain held, how many
 * users' chains did not, and the first broken link (null when none).
 */
public record VerificationReport(boolean intact, long eventsChecked, long usersChecked, long brokenUsers,
        BrokenLink firstBrokenLink) {
}
