package dev.authsvc.query.user;

import java.util.Locale;
import java.util.Optional;

/** A user's standing as admins filter by it: disabled wins over locked, locked over active. */
public enum UserStatus {
    ACTIVE,
    DISABLED,
    LOCKED;

    /** The lower-case name the API uses. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<UserStatus> of(String value) {
        for (UserStatus status : values()) {
            if (status.value().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
