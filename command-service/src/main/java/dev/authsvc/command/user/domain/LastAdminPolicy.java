package dev.authsvc.command.user.domain;

/**
 * The service always keeps an active (not disabled) admin, or nobody could administer it any more: a change that
 * takes the admin role away from an active admin, or disables one, needs at least one other active admin. The count
 * of the others comes from the admin roster, read under its lock in the command's transaction, so two admins
 * demoting each other at once cannot both succeed.
 */
public final class LastAdminPolicy {

    /** How many active admins the service keeps at the least. */
    public static final int MIN_ACTIVE_ADMINS = 1;

    /** Whether an active admin may stop being one while {@code otherActiveAdmins} others remain. */
    public boolean mayStopBeingActiveAdmin(int otherActiveAdmins) {
        return otherActiveAdmins >= MIN_ACTIVE_ADMINS;
    }
}
