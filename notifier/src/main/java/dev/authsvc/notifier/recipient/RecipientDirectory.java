package dev.authsvc.notifier.recipient;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code recipient} table: each user's current email and phone number, for the notices whose events carry
 * no address. Changes apply only when newer (by the user's event sequence) than what is stored, so a redelivered
 * or replayed event changes nothing.
 */
@Repository
public class RecipientDirectory {

    private final JdbcClient jdbc;
    private final Clock clock;

    public RecipientDirectory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Recipient> find(String userId) {
        return jdbc.sql("SELECT user_id, email, phone_number FROM recipient WHERE user_id = ?")
                .param(userId)
                .query((row, n) -> new Recipient(row.getString(1), row.getString(2), row.getString(3)))
                .optional();
    }

    /** Sets the email and, when not {@code null}, the phone number (a {@code null} email keeps the stored one). */
    public void update(String userId, long sequence, String email, String phoneNumber) {
        if (updateIfNewer(userId, sequence, email, phoneNumber) > 0) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO recipient (user_id, email, phone_number, last_sequence, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?)")
                    .param(userId)
                    .param(email)
                    .param(phoneNumber)
                    .param(sequence)
                    .param(Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException exists) {
            // Stored already at this or a later sequence: nothing to change.
        }
    }

    private int updateIfNewer(String userId, long sequence, String email, String phoneNumber) {
        return jdbc.sql("UPDATE recipient SET email = COALESCE(?, email), phone_number = COALESCE(?, phone_number), "
                        + "last_sequence = ?, updated_at = ? WHERE user_id = ? AND last_sequence < ?")
                .param(email)
                .param(phoneNumber)
                .param(sequence)
                .param(Timestamp.from(clock.instant()))
                .param(userId)
                .param(sequence)
                .update();
    }
}
