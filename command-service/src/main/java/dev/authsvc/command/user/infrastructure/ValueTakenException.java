package dev.authsvc.command.user.infrastructure;

/** An email or phone number already belongs to another user. */
public class ValueTakenException extends RuntimeException {

    private final LookupKind kind;

    public ValueTakenException(LookupKind kind) {
        super(kind.name().toLowerCase(java.util.Locale.ROOT) + " is already taken", null, false, false);
        this.kind = kind;
    }

    public LookupKind kind() {
        return kind;
    }
}
