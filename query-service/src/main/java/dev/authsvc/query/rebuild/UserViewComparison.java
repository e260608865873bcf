package dev.authsvc.query.rebuild;

import dev.authsvc.query.rebuild.RebuildJob.Difference;
import dev.authsvc.query.user.UserView;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Compares the rebuilt rows with the live ones, both sorted by user id. Rows at the same {@code last_sequence}
 * have seen the same events and must be equal column for column; rows at different sequences cannot be compared
 * (the live consumer ran ahead, or lags), and are only counted. The columns come from {@link UserView}'s
 * components, so a column added to the row is compared without a change here.
 */
final class UserViewComparison {

    /** What the comparison found; {@code differences} holds at most the first {@code cap} differing rows. */
    record Result(long differing, long onlyLive, long onlyRebuilt, long notCompared, List<Difference> differences) {
    }

    private static final RecordComponent[] COMPONENTS = UserView.class.getRecordComponents();

    private UserViewComparison() {
    }

    static Result compare(List<UserView> live, List<UserView> rebuilt, int cap) {
        long differing = 0;
        long onlyLive = 0;
        long onlyRebuilt = 0;
        long notCompared = 0;
        List<Difference> differences = new ArrayList<>();
        // Sorted here, not trusted from ORDER BY: the database's collation need not be Java's order.
        Iterator<UserView> liveRows = byUserId(live).iterator();
        Iterator<UserView> rebuiltRows = byUserId(rebuilt).iterator();
        UserView l = next(liveRows);
        UserView r = next(rebuiltRows);
        while (l != null || r != null) {
            int order = l == null ? 1 : r == null ? -1 : l.userId().compareTo(r.userId());
            if (order < 0) {
                onlyLive++;
                l = next(liveRows);
            } else if (order > 0) {
                onlyRebuilt++;
                r = next(rebuiltRows);
            } else {
                if (l.lastSequence() != r.lastSequence()) {
                    notCompared++;
                } else {
                    List<String> columns = differingColumns(l, r);
                    if (!columns.isEmpty()) {
                        differing++;
                        if (differences.size() < cap) {
                            differences.add(new Difference(l.userId(), columns));
                        }
                    }
                }
                l = next(liveRows);
                r = next(rebuiltRows);
            }
        }
        return new Result(differing, onlyLive, onlyRebuilt, notCompared, List.copyOf(differences));
    }

    /** The columns (snake_case, as in the table) whose values differ. */
    static List<String> differingColumns(UserView a, UserView b) {
        List<String> columns = new ArrayList<>();
        for (RecordComponent component : COMPONENTS) {
            if (!Objects.equals(value(component, a), value(component, b))) {
                columns.add(snakeCase(component.getName()));
            }
        }
        return columns;
    }

    private static Object value(RecordComponent component, UserView row) {
        try {
            return component.getAccessor().invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of a user row", e);
        }
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static List<UserView> byUserId(List<UserView> rows) {
        List<UserView> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(UserView::userId));
        return sorted;
    }

    private static UserView next(Iterator<UserView> rows) {
        return rows.hasNext() ? rows.next() : null;
    }
}
