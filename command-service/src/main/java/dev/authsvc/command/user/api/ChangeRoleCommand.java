package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An admin gives the user {@code role}. {@code otherActiveAdmins} is how many active admins other than this user
 * there are, counted under the admin roster's lock in the command's transaction: the last one may not be demoted.
 */
public record ChangeRoleCommand(@TargetAggregateIdentifier String userId, Role role, int otherActiveAdmins) {
}
