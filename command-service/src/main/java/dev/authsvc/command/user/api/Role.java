package dev.authsvc.command.user.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The seed's roles and {@code auditor} (the audit API only, read-only). Stored and sent in lower case ({@code "employee"}). */
public enum Role {
    ADMIN, MANAGER, EMPLOYEE, AUDITOR;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(r -> r.value().equals(value.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
