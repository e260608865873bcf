package dev.authsvc.command.user.infrastructure;

import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.RoleChanged;
import dev.authsvc.command.user.api.UserDisabled;
import dev.authsvc.command.user.api.UserEnabled;
import dev.authsvc.command.user.api.UserRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link AdminRoster} in step with the events. Its processing group is a subscribing processor
 * ({@code AdminRosterConfiguration}): it runs in the unit of work, so in the database transaction, of the command
 * that applied the event, and an error rolls the command back. A registered admin (the bootstrap admin, say) counts
 * from its first event on.
 */
@Component
@ProcessingGroup(AdminRosterProjection.PROCESSING_GROUP)
public class AdminRosterProjection {

    public static final String PROCESSING_GROUP = "admin-roster";

    private final AdminRoster roster;

    AdminRosterProjection(AdminRoster roster) {
        this.roster = roster;
    }

    @EventHandler
    public void on(UserRegistered event) {
        if (event.role() == Role.ADMIN) {
            roster.setAdmin(event.userId(), true);
        }
    }

    @EventHandler
    public void on(RoleChanged event) {
        roster.setAdmin(event.userId(), event.role() == Role.ADMIN);
    }

    @EventHandler
    public void on(UserDisabled event) {
        roster.setDisabled(event.userId(), true);
    }

    @EventHandler
    public void on(UserEnabled event) {
        roster.setDisabled(event.userId(), false);
    }

    /** Applies one stored event, if it is one the roster follows (the start-up backfill replays them through here). */
    void apply(Object payload) {
        if (payload instanceof UserRegistered e) {
            on(e);
        } else if (payload instanceof RoleChanged e) {
            on(e);
        } else if (payload instanceof UserDisabled e) {
            on(e);
        } else if (payload instanceof UserEnabled e) {
            on(e);
        }
    }
}
