package dev.authsvc.command.user.application;

import dev.authsvc.command.user.api.ChangeRoleCommand;
import dev.authsvc.command.user.api.CheckAdminSessionCommand;
import dev.authsvc.command.user.api.DisableUserCommand;
import dev.authsvc.command.user.api.EnableUserCommand;
import dev.authsvc.command.user.api.RevokeSessionsCommand;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.UnlockAccountCommand;
import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import dev.authsvc.command.user.infrastructure.AdminRoster;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

/**
 * What an admin does to a user. Each change runs in one transaction that first locks the admin roster, counts the
 * other active admins (for the last-admin rule), asks the acting admin's own aggregate whether their token still
 * speaks for an admin (a session that has ended, a disabled or demoted admin is refused at once, whatever the token
 * says), then sends the command; the roster follows the events in the same transaction
 * ({@code AdminRosterProjection}). The acting admin's id reaches the events' metadata through
 * {@code RequestMetadataInterceptor}.
 */
@Service
public class AdminService {

    private final CommandGateway commands;
    private final UserCommandRunner runner;
    private final AdminRoster roster;

    AdminService(CommandGateway commands, UserCommandRunner runner, AdminRoster roster) {
        this.commands = commands;
        this.runner = runner;
        this.roster = roster;
    }

    /** Who sends the command: the subject and session of their access token. */
    public record Actor(String userId, String sessionId) {
    }

    public void changeRole(Actor actor, String userId, Role role) {
        asAdmin(actor, userId, others -> commands.sendAndWait(new ChangeRoleCommand(userId, role, others)));
    }

    /** Answers whether the user was enabled (disabling a disabled user changes nothing). */
    public boolean disable(Actor actor, String userId, String reason) {
        return asAdmin(actor, userId, others -> commands.<Boolean>sendAndWait(
                new DisableUserCommand(userId, reason, others)));
    }

    /** Answers whether the user was disabled (enabling an enabled user changes nothing). */
    public boolean enable(Actor actor, String userId) {
        return asAdmin(actor, userId, others -> commands.<Boolean>sendAndWait(new EnableUserCommand(userId)));
    }

    /** Ends one session ({@code sessionId}) or, when it is null, every session of the user; answers the ids ended. */
    public List<String> revokeSessions(Actor actor, String userId, String sessionId) {
        return asAdmin(actor, userId, others -> commands.<List<String>>sendAndWait(
                new RevokeSessionsCommand(userId, sessionId)));
    }

    /** Answers whether there was a lock to lift. */
    public boolean unlock(Actor actor, String userId) {
        return asAdmin(actor, userId, others -> commands.<Boolean>sendAndWait(new UnlockAccountCommand(userId)));
    }

    private interface AdminWork<T> {
        T run(int otherActiveAdmins);
    }

    private <T> T asAdmin(Actor actor, String userId, AdminWork<T> work) {
        return runner.inTransaction((Supplier<T>) () -> {
            int others = roster.otherActiveAdmins(userId);
            try {
                commands.sendAndWait(new CheckAdminSessionCommand(actor.userId(), actor.sessionId()));
            } catch (AggregateNotFoundException e) {
                throw new UserCommandRejectedException(Reason.UNAUTHORIZED, null, "The access token's user is unknown.");
            }
            try {
                return work.run(others);
            } catch (AggregateNotFoundException e) {
                throw new UserCommandRejectedException(Reason.NOT_FOUND, "id", "No user has this id.");
            }
        });
    }
}
