package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An admin disables the user for {@code reason}. {@code otherActiveAdmins} as in {@link ChangeRoleCommand}: the
 * last active admin may not be disabled. Answers whether anything changed (disabling a disabled user does not).
 */
public record DisableUserCommand(@TargetAggregateIdentifier String userId, String reason, int otherActiveAdmins) {
}
