package dev.authsvc.command.user.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.user.api.PasswordResetCompleted;
import dev.authsvc.command.user.api.UserRegistered;
import dev.authsvc.command.user.infrastructure.LoginCredentials.LoginCredential;
import dev.authsvc.command.user.domain.LockoutPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code login_credential} follows the user's password hash and lock from the events, in their transaction, and
 * the start-up backfill rebuilds the same rows from the stored events.
 */
class LoginCredentialsIT extends ApiTestSupport {

    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Autowired
    LoginCredentials credentials;

    @Autowired
    LoginCredentialBackfill backfill;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theRowFollowsTheHash_theLock_andTheResetThatLiftsIt() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), PASSWORD);
        String registeredHash = events(userId, UserRegistered.class).get(0).passwordHash();
        assertThat(credentials.find(userId)).hasValue(new LoginCredential(registeredHash, null, false));

        for (int i = 0; i < LockoutPolicy.FAILURES_PER_LOCK; i++) {
            passwordLogin(email, "wrong password");
        }
        LoginCredential locked = credentials.find(userId).orElseThrow();
        assertThat(locked.lockedUntil()).isNotNull();
        assertThat(locked.lockedUntilReset()).isFalse();

        assertThat(post("/reset-password", "{\"email\": \"%s\"}".formatted(email)).status()).isEqualTo(200);
        assertThat(post("/reset-password/confirm", """
                {"token": "%s", "new_password": "%s"}""".formatted(latestResetToken(userId), NEW_PASSWORD))
                .status()).isEqualTo(200);
        String resetHash = events(userId, PasswordResetCompleted.class).get(0).passwordHash();
        assertThat(credentials.find(userId)).hasValue(new LoginCredential(resetHash, null, false));
        assertThat(passwordLogin(email, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theBackfill_rebuildsTheRowsOfUsersStoredBeforeTheTable_once() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), PASSWORD);
        for (int i = 0; i < LockoutPolicy.FAILURES_PER_LOCK; i++) {
            passwordLogin(email, "wrong password");
        }
        LoginCredential before = credentials.find(userId).orElseThrow();
        // As on a database upgraded from a version without the table.
        jdbc.sql("DELETE FROM login_credential WHERE user_id = ?").param(userId).update();
        jdbc.sql("UPDATE login_credential_guard SET backfilled = FALSE").update();
        // Without its row the login still answers as before (the aggregate verifies itself).
        assertThat(passwordLogin(email, PASSWORD).status()).isEqualTo(429);

        backfill.backfill();

        assertThat(credentials.find(userId)).hasValue(before);
        jdbc.sql("DELETE FROM login_credential WHERE user_id = ?").param(userId).update();
        backfill.backfill();
        assertThat(credentials.find(userId)).as("done once").isEmpty();
        jdbc.sql("UPDATE login_credential_guard SET backfilled = FALSE").update();
        backfill.backfill();
        assertThat(credentials.find(userId)).hasValue(before);
    }
}
