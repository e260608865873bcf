package dev.authsvc.command.user.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.command.user.api.EmailVerificationRequested;
import dev.authsvc.command.user.api.EmailVerified;
import dev.authsvc.command.user.api.PasswordResetCompleted;
import dev.authsvc.command.user.api.PasswordResetRequested;
import dev.authsvc.command.user.api.PhoneNumberChanged;
import dev.authsvc.command.user.api.PhoneNumberRemoved;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import dev.authsvc.command.user.api.UserRegistered;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The lookup table follows the events: what each one claims and frees, on the real table (H2, the real migration). */
class UserLookupUpdaterTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String PHONE = "+14155550100";
    private static final String OTHER_PHONE = "+14155550199";

    private UserLookup lookup;
    private UserLookupUpdater updater;

    @BeforeEach
    void table() throws IOException {
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(
                "jdbc:h2:mem:lookup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        String migration = new ClassPathResource("db/migration/common/V2__user_lookup.sql")
                .getContentAsString(StandardCharsets.UTF_8);
        Arrays.stream(migration.replaceAll("(?m)^--.*$", "").split(";"))
                .filter(statement -> !statement.isBlank())
                .forEach(statement -> jdbc.sql(statement).update());
        lookup = new UserLookup(jdbc);
        updater = new UserLookupUpdater(lookup);
    }

    private static UserRegistered registered(String userId, String email, String phone) {
        return new UserRegistered(userId, "A", "B", email, phone, Role.EMPLOYEE, "{bcrypt}x", NOW);
    }

    @Test
    void aPhoneRemovedByPhoneNumberRemoved_isFree_forLoginLookupAndForAnotherUser() {
        updater.on(registered(ALICE, "alice@example.com", PHONE));

        updater.on(new PhoneNumberRemoved(ALICE, PHONE, "password_reset", NOW));

        assertThat(lookup.find(LookupKind.PHONE, PHONE)).isEmpty();
        assertThat(lookup.find(LookupKind.EMAIL, "alice@example.com")).contains(ALICE);
        updater.on(registered(BOB, "bob@example.com", PHONE));
        assertThat(lookup.find(LookupKind.PHONE, PHONE)).contains(BOB);
    }

    @Test
    void aLateRemoval_neverFreesANumberAnotherUserHoldsNow() {
        updater.on(registered(BOB, "bob@example.com", PHONE));

        updater.on(new PhoneNumberRemoved(ALICE, PHONE, "password_reset", NOW));

        assertThat(lookup.find(LookupKind.PHONE, PHONE)).contains(BOB);
    }

    @Test
    void registration_confirmsTheClaimMadeUpFront_andRefusesAValueOfAnotherUser() {
        lookup.claim(LookupKind.EMAIL, "alice@example.com", ALICE);
        lookup.claim(LookupKind.PHONE, PHONE, ALICE);

        updater.on(registered(ALICE, "alice@example.com", PHONE));

        assertThat(lookup.find(LookupKind.PHONE, PHONE)).contains(ALICE);
        assertThatThrownBy(() -> updater.on(registered(BOB, "bob@example.com", PHONE)))
                .isInstanceOf(UserCommandRejectedException.class)
                .extracting(e -> ((UserCommandRejectedException) e).reason()).isEqualTo(Reason.CONFLICT);
    }

    @Test
    void aConfirmedPhoneChange_movesTheUserFromTheOldNumberToTheNew_andRefusesATakenOne() {
        updater.on(registered(ALICE, "alice@example.com", PHONE));
        updater.on(registered(BOB, "bob@example.com", "+14155550142"));

        updater.on(new PhoneNumberChanged(ALICE, PHONE, OTHER_PHONE, NOW));

        assertThat(lookup.find(LookupKind.PHONE, PHONE)).isEmpty();
        assertThat(lookup.find(LookupKind.PHONE, OTHER_PHONE)).contains(ALICE);
        assertThatThrownBy(() -> updater.on(new PhoneNumberChanged(BOB, "+14155550142", OTHER_PHONE, NOW)))
                .isInstanceOf(UserCommandRejectedException.class)
                .extracting(e -> ((UserCommandRejectedException) e).reason()).isEqualTo(Reason.CONFLICT);
    }

    @Test
    void onlyTheNewestResetLinkResolves_andACompletedResetSpendsIt() {
        updater.on(new PasswordResetRequested(ALICE, "alice@example.com", "first", null, NOW, NOW));
        updater.on(new PasswordResetRequested(ALICE, "alice@example.com", "second", null, NOW, NOW));

        assertThat(lookup.find(LookupKind.RESET_TOKEN, "first")).isEmpty();
        assertThat(lookup.find(LookupKind.RESET_TOKEN, "second")).contains(ALICE);

        updater.on(new PasswordResetCompleted(ALICE, "{bcrypt}y", NOW));
        assertThat(lookup.find(LookupKind.RESET_TOKEN, "second")).isEmpty();
    }

    @Test
    void theVerificationLinkResolves_untilTheEmailIsVerified() {
        updater.on(new EmailVerificationRequested(ALICE, "alice@example.com", "link", null, NOW, NOW));
        assertThat(lookup.find(LookupKind.EMAIL_TOKEN, "link")).contains(ALICE);

        updater.on(new EmailVerified(ALICE, "alice@example.com", NOW));

        assertThat(lookup.find(LookupKind.EMAIL_TOKEN, "link")).isEmpty();
    }
}
