package dev.authsvc.command.user.infrastructure;

import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The table {@code user_lookup}: resolves an email, phone or token hash to a user id and keeps emails and phone
 * numbers unique across users. {@link UserLookupUpdater} writes it from the events, in the transaction that
 * appends them, so a claim and its event commit or roll back together; the primary key makes the second of two
 * concurrent claims fail.
 */
@Repository
public class UserLookup {

    private final JdbcClient jdbc;

    public UserLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> find(LookupKind kind, String key) {
        return jdbc.sql("SELECT user_id FROM user_lookup WHERE kind = ? AND lookup_key = ?")
                .params(kind.name(), key)
                .query(String.class)
                .optional();
    }

    /**
     * Records that {@code key} belongs to {@code userId}; a {@link Reason#CONFLICT} rejection if it already belongs to
     * another user. Claiming what the user holds already is no change (registration claims up front, and its
     * event confirms).
     */
    public void claim(LookupKind kind, String key, String userId) {
        // Read first: on PostgreSQL a failed insert spoils the transaction, so it must only ever mean "taken".
        if (find(kind, key).map(userId::equals).orElse(false)) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO user_lookup (kind, lookup_key, user_id) VALUES (?, ?, ?)")
                    .params(kind.name(), key, userId)
                    .update();
        } catch (DuplicateKeyException e) {
            throw taken(kind);
        }
    }

    /** The rejection of a value that belongs to another user: 409, naming the field for an email or a phone. */
    public static UserCommandRejectedException taken(LookupKind kind) {
        String field = switch (kind) {
            case EMAIL -> "email";
            case PHONE -> "phone_number";
            default -> null;
        };
        String what = field == null ? "This value" : "This " + field.replace('_', ' ');
        return new UserCommandRejectedException(Reason.CONFLICT, field, what + " is already registered.");
    }

    /** Frees {@code key} if {@code userId} holds it. */
    public void release(LookupKind kind, String key, String userId) {
        jdbc.sql("DELETE FROM user_lookup WHERE kind = ? AND lookup_key = ? AND user_id = ?")
                .params(kind.name(), key, userId)
                .update();
    }

    /** Drops every key of this kind that points at {@code userId} (an earlier reset token, say). */
    public void releaseAll(LookupKind kind, String userId) {
        jdbc.sql("DELETE FROM user_lookup WHERE kind = ? AND user_id = ?").params(kind.name(), userId).update();
    }
}
