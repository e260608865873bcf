package dev.authsvc.command.user.infrastructure;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables {@code admin_roster} and {@code admin_roster_guard}: which users are admins and which are disabled, so
 * the active admins can be counted. Every method runs in the caller's transaction and first locks the guard row, so
 * a count and the change it allows commit before another instance may count: two admins demoting or disabling each
 * other at once are decided one after the other, and the second sees the first's change.
 */
@Repository
public class AdminRoster {

    private final JdbcClient jdbc;

    public AdminRoster(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the roster until the current transaction ends; answers whether the old events were replayed into it. */
    public boolean lock() {
        return jdbc.sql("SELECT backfilled FROM admin_roster_guard WHERE id = 1 FOR UPDATE")
                .query(Boolean.class)
                .single();
    }

    /** How many admins, not disabled, there are besides {@code userId}; locks the roster first. */
    public int otherActiveAdmins(String userId) {
        lock();
        return jdbc.sql("SELECT COUNT(*) FROM admin_roster WHERE admin = TRUE AND disabled = FALSE AND user_id <> ?")
                .param(userId)
                .query(Integer.class)
                .single();
    }

    /** The active admins' ids, sorted. */
    public List<String> activeAdmins() {
        return jdbc.sql("SELECT user_id FROM admin_roster WHERE admin = TRUE AND disabled = FALSE ORDER BY user_id")
                .query(String.class)
                .list();
    }

    public void setAdmin(String userId, boolean admin) {
        lock();
        if (jdbc.sql("UPDATE admin_roster SET admin = ? WHERE user_id = ?").params(admin, userId).update() == 0
                && admin) {
            jdbc.sql("INSERT INTO admin_roster (user_id, admin, disabled) VALUES (?, TRUE, FALSE)")
                    .param(userId)
                    .update();
        }
    }

    public void setDisabled(String userId, boolean disabled) {
        lock();
        if (jdbc.sql("UPDATE admin_roster SET disabled = ? WHERE user_id = ?").params(disabled, userId).update() == 0
                && disabled) {
            jdbc.sql("INSERT INTO admin_roster (user_id, admin, disabled) VALUES (?, FALSE, TRUE)")
                    .param(userId)
                    .update();
        }
    }

    /** Notes that the events stored before the roster existed have been replayed into it. */
    public void markBackfilled() {
        jdbc.sql("UPDATE admin_roster_guard SET backfilled = TRUE WHERE id = 1").update();
    }
}
