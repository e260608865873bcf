package dev.authsvc.command.user.domain;

import dev.authsvc.command.user.api.Role;
import java.util.Set;

/** Which roles a user may give themselves at self-registration ({@code auth.registration.self-assignable-roles}). */
public record RegistrationPolicy(Set<Role> selfAssignableRoles) {

    public RegistrationPolicy {
        selfAssignableRoles = Set.copyOf(selfAssignableRoles);
    }

    public boolean maySelfAssign(Role role) {
        return selfAssignableRoles.contains(role);
    }
}
