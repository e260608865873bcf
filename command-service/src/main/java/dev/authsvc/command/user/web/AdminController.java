package dev.authsvc.command.user.web;

import dev.authsvc.command.config.OpenApiConfiguration;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import dev.authsvc.command.user.application.AdminService;
import dev.authsvc.command.user.application.AdminService.Actor;
import dev.authsvc.web.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an admin does to a user account. Only a token with the {@code admin} role gets here (403 otherwise, see
 * {@code SecurityConfiguration}); {@link AdminService} then checks with the admin's own account that it still is one.
 * Repeating a change (disabling a disabled user, enabling an enabled one, giving the role a user has, unlocking an
 * account that is not locked) answers 200 and records nothing.
 */
@Tag(name = "Administration", description = "Admin-only changes to user accounts")
@RestController
@RequestMapping("/admin/users/{id}")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
@ApiResponse(responseCode = "404", description = "No user has this id (or, for one session, the user has no live session with this id)")
class AdminController {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final AdminService admins;

    AdminController(AdminService admins) {
        this.admins = admins;
    }

    record RoleRequest(String role) {
    }

    record DisableRequest(String reason) {
    }

    record RoleResponse(String message, String userId, String role) {
    }

    record ChangeResponse(String message, String userId, boolean changed) {
    }

    record SessionsResponse(String message, String userId, List<String> sessionIds) {
    }

    @PutMapping("/role")
    @Operation(summary = "Change a user's role", description = "admin, manager, employee or auditor; access tokens carry "
            + "it from their next refresh at the latest, and admin paths check it at once.")
    @ApiResponse(responseCode = "409", description = "The user is the last active admin and the new role is not admin")
    RoleResponse changeRole(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token, @PathVariable String id,
            @RequestBody RoleRequest request) {
        String userId = userId(id);
        if (request.role() == null || request.role().isBlank()) {
            throw new InvalidFieldException("role", "'role' is required: admin, manager, employee or auditor.");
        }
        Role role = Role.parse(request.role()).orElseThrow(() -> new InvalidFieldException("role",
                "Role must be one of admin, manager, employee, auditor."));
        admins.changeRole(actor(token), userId, role);
        return new RoleResponse("The user's role is " + role.value() + ".", userId, role.value());
    }

    @PostMapping("/disable")
    @Operation(summary = "Disable a user", description = "No login by any method and every token of the user refused "
            + "at once, until enabled; every session ends. Disabling a disabled user changes nothing (changed: false).")
    @ApiResponse(responseCode = "409", description = "The user is the last active admin")
    ChangeResponse disable(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token, @PathVariable String id,
            @RequestBody DisableRequest request) {
        String userId = userId(id);
        if (request.reason() == null || request.reason().isBlank()) {
            throw new InvalidFieldException("reason", "'reason' is required.");
        }
        if (request.reason().length() > 500) {
            throw new InvalidFieldException("reason", "'reason' is at most 500 characters.");
        }
        boolean changed = admins.disable(actor(token), userId, request.reason().strip());
        return new ChangeResponse(changed ? "The user is disabled." : "The user was already disabled.", userId,
                changed);
    }

    @PostMapping("/enable")
    @Operation(summary = "Enable a disabled user", description = "The sessions ended by the disabling stay ended. "
            + "Enabling an enabled user changes nothing (changed: false).")
    ChangeResponse enable(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token, @PathVariable String id) {
        String userId = userId(id);
        boolean changed = admins.enable(actor(token), userId);
        return new ChangeResponse(changed ? "The user is enabled." : "The user was already enabled.", userId, changed);
    }

    @PostMapping("/sessions/revoke")
    @Operation(summary = "End every session of a user", description = "Their refresh and access tokens are refused at once.")
    SessionsResponse revokeAll(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token, @PathVariable String id) {
        String userId = userId(id);
        List<String> ended = admins.revokeSessions(actor(token), userId, null);
        return new SessionsResponse("Every session of the user has ended.", userId, ended);
    }

    @DeleteMapping("/sessions/{sid}")
    @Operation(summary = "End one session of a user", description = "Its refresh and access tokens are refused at once.")
    SessionsResponse revokeOne(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token, @PathVariable String id,
            @PathVariable String sid) {
        String userId = userId(id);
        if (!UUID.matcher(sid).matches()) {
            throw new UserCommandRejectedException(Reason.NOT_FOUND, "session_id",
                    "The user has no live session with this id.");
        }
        List<String> ended = admins.revokeSessions(actor(token), userId, sid);
        return new SessionsResponse("The session has ended.", userId, ended);
    }

    @PostMapping("/unlock")
    @Operation(summary = "Lift a user's lockout", description = "Logins are accepted again and failed ones counted "
            + "from zero. An account that is not locked is no change (changed: false).")
    ChangeResponse unlock(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token, @PathVariable String id) {
        String userId = userId(id);
        boolean changed = admins.unlock(actor(token), userId);
        return new ChangeResponse(changed ? "The lockout is lifted." : "The account was not locked.", userId, changed);
    }

    /** User ids are UUIDs, as this service makes them: anything else names nobody. */
    private static String userId(String id) {
        if (!UUID.matcher(id).matches()) {
            throw new UserCommandRejectedException(Reason.NOT_FOUND, "id", "No user has this id.");
        }
        return id.toLowerCase(Locale.ROOT);
    }

    private static Actor actor(Jwt token) {
        return new Actor(token.getSubject(), token.getClaimAsString("sid"));
    }
}
