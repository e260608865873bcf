package dev.authsvc.query.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.query.user.UserViewChange.Assignment;
import dev.authsvc.query.user.UserViewChange.Column;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserViewChangeTest {

    @Test
    void eachMethodAddsOneTypedAssignment_andLeavesTheChangeItWasCalledOnAsItWas() {
        UserViewChange none = UserViewChange.none();
        Instant until = Instant.parse("2026-11-01T10:15:00Z");

        UserViewChange change = none.phoneNumberIfPresent("+15550001111").phoneVerified(true).lockedUntil(until);

        assertThat(none.isEmpty()).isTrue();
        assertThat(change.assignments()).containsExactly(
                new Assignment(Column.PHONE_NUMBER, "+15550001111", true),
                new Assignment(Column.PHONE_VERIFIED, true, false),
                new Assignment(Column.LOCKED_UNTIL, until, false));
    }

    @Test
    void aColumnIsAssignedOnce_theLastValueWins() {
        UserViewChange change = UserViewChange.none().phoneNumberIfPresent("+15550001111").noPhoneNumber();

        assertThat(change.assignments()).containsExactly(new Assignment(Column.PHONE_NUMBER, null, false));
    }

    @Test
    void itsTextNamesTheColumns_neverTheValues() {
        String text = UserViewChange.none().emailIfPresent("ada@example.com").phoneNumberIfPresent("+15550001111")
                .toString();

        assertThat(text).contains("email", "phone_number").doesNotContain("ada@").doesNotContain("+1555");
    }
}
