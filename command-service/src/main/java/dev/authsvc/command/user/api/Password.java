package dev.authsvc.command.user.api;

import java.util.Objects;

/**
 * A plaintext password on its way from a request to the aggregate, which checks it against the password policy
 * and hashes it. Commands are never stored; this type keeps the value out of every {@code toString()}.
 */
public record Password(String value) {

    public Password {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "Password[****]";
    }
}
