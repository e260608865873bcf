package dev.authsvc.query.user;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one event changes in its user's {@code user_view} row, column by typed column; {@link UserViewRepository}
 * turns it into SQL. Immutable: each method returns a new change with one more assignment. A change with no
 * assignment only moves the row's sequence on.
 */
public final class UserViewChange {

    /** The columns an event may change ({@code updated_at} and {@code last_sequence} go with every change). */
    public enum Column {
        EMAIL("email"),
        PHONE_NUMBER("phone_number"),
        FIRST_NAME("first_name"),
        LAST_NAME("last_name"),
        EMAIL_VERIFIED("email_verified"),
        PHONE_VERIFIED("phone_verified"),
        LOCKED_UNTIL("locked_until"),
        SESSIONS_REVOKED_BEFORE("sessions_revoked_before"),
        ROLE("role"),
        DISABLED("disabled"),
        DISABLED_REASON("disabled_reason");

        private final String sqlName;

        Column(String sqlName) {
            this.sqlName = sqlName;
        }

        public String sqlName() {
            return sqlName;
        }
    }

    /**
     * One column's new value. {@code keepWhenAbsent}: a null value leaves the column as it is (an event whose
     * field is absent); otherwise null clears the column.
     */
    public record Assignment(Column column, Object value, boolean keepWhenAbsent) {
    }

    private static final UserViewChange NONE = new UserViewChange(List.of());

    private final List<Assignment> assignments;

    private UserViewChange(List<Assignment> assignments) {
        this.assignments = assignments;
    }

    /** No column changes: the event only moves the row's sequence on. */
    public static UserViewChange none() {
        return NONE;
    }

    public UserViewChange firstNameIfPresent(String firstName) {
        return with(Column.FIRST_NAME, firstName, true);
    }

    public UserViewChange lastNameIfPresent(String lastName) {
        return with(Column.LAST_NAME, lastName, true);
    }

    public UserViewChange emailIfPresent(String email) {
        return with(Column.EMAIL, email, true);
    }

    public UserViewChange phoneNumberIfPresent(String phoneNumber) {
        return with(Column.PHONE_NUMBER, phoneNumber, true);
    }

    public UserViewChange noPhoneNumber() {
        return with(Column.PHONE_NUMBER, null, false);
    }

    public UserViewChange emailVerified(boolean verified) {
        return with(Column.EMAIL_VERIFIED, verified, false);
    }

    public UserViewChange phoneVerified(boolean verified) {
        return with(Column.PHONE_VERIFIED, verified, false);
    }

    /** Locked until then; null: no end time (unlocked, or locked until a password reset). */
    public UserViewChange lockedUntil(Instant until) {
        return with(Column.LOCKED_UNTIL, until, false);
    }

    public UserViewChange sessionsRevokedBefore(Instant before) {
        return with(Column.SESSIONS_REVOKED_BEFORE, before, false);
    }

    public UserViewChange roleIfPresent(String role) {
        return with(Column.ROLE, role, true);
    }

    /** Disabled (with the admin's reason) or enabled again (the reason cleared). */
    public UserViewChange disabled(boolean disabled, String reason) {
        return with(Column.DISABLED, disabled, false).with(Column.DISABLED_REASON, disabled ? reason : null, false);
    }

    public List<Assignment> assignments() {
        return assignments;
    }

    public boolean isEmpty() {
        return assignments.isEmpty();
    }

    private UserViewChange with(Column column, Object value, boolean keepWhenAbsent) {
        List<Assignment> more = new ArrayList<>(assignments);
        more.removeIf(assignment -> assignment.column() == column);
        more.add(new Assignment(column, value, keepWhenAbsent));
        return new UserViewChange(Collections.unmodifiableList(more));
    }

    @Override
    public String toString() {
        // Column names only: the values may be an email address or a phone number.
        return "UserViewChange" + assignments.stream().map(assignment -> assignment.column().sqlName()).toList();
    }
}
