package dev.authsvc.query.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code user_view} over JDBC. Every change carries the event's sequence and only happens when that sequence is
 * above the row's {@code last_sequence}: the check and the write are one statement, so a redelivered or older
 * event changes nothing even when two consumers race.
 */
@Repository
public class UserViewRepository {

    private static final String COLUMNS = "user_id, email, phone_number, first_name, last_name, role, email_verified, "
            + "phone_verified, locked_until, sessions_revoked_before, created_at, updated_at, last_sequence, disabled, "
            + "disabled_reason";
    private static final char LIKE_ESCAPE = '\\';

    private final JdbcClient jdbc;
    private final UserViewTable table;
    private final String name;

    /** The live {@code user_view}. */
    @Autowired
    public UserViewRepository(JdbcClient jdbc) {
        this(jdbc, UserViewTable.LIVE);
    }

    private UserViewRepository(JdbcClient jdbc, UserViewTable table) {
        this.jdbc = jdbc;
        this.table = table;
        this.name = table.sqlName();
    }

    /** The same operations on another table of user rows (a rebuild's). */
    public UserViewRepository on(UserViewTable other) {
        return other == table ? this : new UserViewRepository(jdbc, other);
    }

    public UserViewTable table() {
        return table;
    }

    public Optional<UserView> find(String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + name + " WHERE user_id = ?")
                .param(userId)
                .query(UserViewRepository::row)
                .optional();
    }

    public List<UserView> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + name + " ORDER BY user_id").query(UserViewRepository::row).list();
    }

    /** What an admin searches for; null fields do not filter. {@code page} is 0-based. */
    public record Search(String prefix, String role, UserStatus status, int page, int size) {
    }

    /** One page of a search, and how many users match in all. */
    public record Page(List<UserView> users, long total) {
    }

    /**
     * Users whose email, phone number, first or last name starts with {@code prefix} (case-insensitive; the
     * lower-cased {@code *_search} columns are kept by the database), with the role and the status at {@code now},
     * ordered by email then id so pages do not overlap.
     */
    public Page search(Search search, Instant now) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (search.prefix() != null && !search.prefix().isEmpty()) {
            where.append(" AND (email_search LIKE :prefix ESCAPE '\\' OR phone_number LIKE :prefix ESCAPE '\\'"
                    + " OR first_name_search LIKE :prefix ESCAPE '\\' OR last_name_search LIKE :prefix ESCAPE '\\')");
            params.put("prefix", likePrefix(search.prefix().toLowerCase(Locale.ROOT)));
        }
        if (search.role() != null) {
            where.append(" AND role = :role");
            params.put("role", search.role());
        }
        if (search.status() != null) {
            switch (search.status()) {
                case DISABLED -> where.append(" AND disabled = TRUE");
                case LOCKED -> where.append(" AND disabled = FALSE AND locked_until > :now");
                case ACTIVE -> where.append(" AND disabled = FALSE AND (locked_until IS NULL OR locked_until <= :now)");
            }
            if (search.status() != UserStatus.DISABLED) {
                params.put("now", time(now));
            }
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM " + name + where).params(params).query(Long.class).single();
        params.put("limit", search.size());
        params.put("offset", (long) search.page() * search.size());
        List<UserView> users = jdbc.sql("SELECT " + COLUMNS + " FROM " + name + where
                        + " ORDER BY email_search, user_id LIMIT :limit OFFSET :offset")
                .params(params)
                .query(UserViewRepository::row)
                .list();
        return new Page(users, total);
    }

    /** {@code value} as a LIKE pattern that matches it as a prefix, its own wildcards taken literally. */
    static String likePrefix(String value) {
        StringBuilder pattern = new StringBuilder(value.length() + 1);
        for (char c : value.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                pattern.append(LIKE_ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }

    public Optional<Long> lastSequence(String userId) {
        return jdbc.sql("SELECT last_sequence FROM " + name + " WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .optional();
    }

    public void insert(UserView user) {
        jdbc.sql("INSERT INTO " + name + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(user.userId(), user.email(), user.phoneNumber(), user.firstName(), user.lastName(), user.role(),
                        user.emailVerified(), user.phoneVerified(), time(user.lockedUntil()),
                        time(user.sessionsRevokedBefore()), time(user.createdAt()), time(user.updatedAt()),
                        user.lastSequence(), user.disabled(), user.disabledReason())
                .update();
    }

    /**
     * Applies {@code change} together with {@code updated_at} and {@code last_sequence}, if {@code sequence} is newer
     * than the row's; an empty change only moves the sequence on, as {@link #advanceIfNewer} does.
     *
     * @return false when the row is missing or already at or past this sequence
     */
    public boolean updateIfNewer(String userId, long sequence, Instant at, UserViewChange change) {
        GuardedUpdate update = guardedUpdate(userId, sequence, at, change);
        return jdbc.sql(update.sql()).params(update.params()).update() == 1;
    }

    /** Records that this event was seen, without changing what the row says. */
    public boolean advanceIfNewer(String userId, long sequence) {
        return updateIfNewer(userId, sequence, null, UserViewChange.none());
    }

    /**
     * One guarded {@code UPDATE} of a user's row, not run yet: changes of the same columns share their SQL, so a
     * rebuild can send many of them as one JDBC batch.
     */
    public record GuardedUpdate(String sql, List<Object> params) {
    }

    /** The statement {@link #updateIfNewer} runs. */
    public GuardedUpdate guardedUpdate(String userId, long sequence, Instant at, UserViewChange change) {
        if (change.isEmpty()) {
            return new GuardedUpdate("UPDATE " + name + " SET last_sequence = ? WHERE user_id = ? AND last_sequence < ?",
                    List.of(sequence, userId, sequence));
        }
        StringJoiner set = new StringJoiner(", ", "UPDATE " + name + " SET ", ", updated_at = ?, last_sequence = ?");
        List<Object> params = new ArrayList<>();
        for (UserViewChange.Assignment assignment : change.assignments()) {
            String column = assignment.column().sqlName();
            Object value = assignment.value() instanceof Instant instant ? time(instant) : assignment.value();
            if (assignment.keepWhenAbsent()) {
                set.add(column + " = COALESCE(?, " + column + ")");
                params.add(value);
            } else if (value == null) {
                set.add(column + " = NULL");
            } else {
                set.add(column + " = ?");
                params.add(value);
            }
        }
        params.add(time(at));
        params.add(sequence);
        params.add(userId);
        params.add(sequence);
        return new GuardedUpdate(set + " WHERE user_id = ? AND last_sequence < ?", Collections.unmodifiableList(params));
    }

    /** Removes every row (a rebuild's table, before it is filled again and after its rows went live). */
    public void deleteAll() {
        jdbc.sql("DELETE FROM " + name).update();
    }

    /**
     * Sets every row of this table that {@code source} has at the same {@code last_sequence} to {@code source}'s
     * values, in one statement of the caller's transaction; other rows are left as they are. Rows at the same
     * sequence have seen the same events, so their sequence, and with it which event is new to the row, does not
     * change: a consumer applying events to this table at the same time goes on as if nothing happened (a row it
     * moves on in the meantime no longer matches, and is left alone).
     *
     * @return the rows set
     */
    public int replaceRowsAtEqualSequenceWith(UserViewTable source) {
        if (source == table) {
            throw new IllegalArgumentException("A table cannot be replaced with itself: " + name);
        }
        String values = String.join(", ", Arrays.stream(COLUMNS.split(","))
                .map(String::strip)
                .filter(column -> !column.equals("user_id") && !column.equals("last_sequence"))
                .toList());
        String copied = Arrays.stream(values.split(", ")).map(column -> "r." + column).collect(Collectors.joining(", "));
        return jdbc.sql("UPDATE " + name + " u SET (" + values + ") = (SELECT " + copied + " FROM " + source.sqlName()
                        + " r WHERE r.user_id = u.user_id) WHERE EXISTS (SELECT 1 FROM " + source.sqlName()
                        + " r WHERE r.user_id = u.user_id AND r.last_sequence = u.last_sequence)")
                .update();
    }

    /** The names of this table's columns, lower case, in order (to check that a rebuild's table is like user_view's). */
    public List<String> columnNames() {
        return jdbc.sql("SELECT * FROM " + name + " WHERE 1 = 0").query((ResultSet rs) -> {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
            }
            return names;
        });
    }

    public boolean exists(String userId) {
        return lastSequence(userId).isPresent();
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * The live table's columns for a query that joins it as {@code alias}, each renamed with {@code prefix} so they
     * do not clash with the other table's; read them back with {@link #joinedRow}.
     */
    public static String joinedColumns(String alias, String prefix) {
        return Arrays.stream(COLUMNS.split(","))
                .map(String::strip)
                .map(column -> alias + "." + column + " AS " + prefix + column)
                .collect(Collectors.joining(", "));
    }

    /** The row {@link #joinedColumns} selected, or empty when the join found none. */
    public static Optional<UserView> joinedRow(ResultSet rs, String prefix) throws SQLException {
        return rs.getString(prefix + "user_id") == null ? Optional.empty() : Optional.of(row(rs, prefix));
    }

    private static UserView row(ResultSet rs, int rowNum) throws SQLException {
        return row(rs, "");
    }

    private static UserView row(ResultSet rs, String prefix) throws SQLException {
        return new UserView(
                rs.getString(prefix + "user_id"),
                rs.getString(prefix + "email"),
                rs.getString(prefix + "phone_number"),
                rs.getString(prefix + "first_name"),
                rs.getString(prefix + "last_name"),
                rs.getString(prefix + "role"),
                rs.getBoolean(prefix + "email_verified"),
                rs.getBoolean(prefix + "phone_verified"),
                instant(rs, prefix + "locked_until"),
                instant(rs, prefix + "sessions_revoked_before"),
                instant(rs, prefix + "created_at"),
                instant(rs, prefix + "updated_at"),
                rs.getLong(prefix + "last_sequence"),
                rs.getBoolean(prefix + "disabled"),
                rs.getString(prefix + "disabled_reason"));
    }
}
