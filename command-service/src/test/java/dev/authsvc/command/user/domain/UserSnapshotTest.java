package dev.authsvc.command.user.domain;

import static dev.authsvc.command.user.domain.UserFixtures.CODE_A;
import static dev.authsvc.command.user.domain.UserFixtures.CODE_B;
import static dev.authsvc.command.user.domain.UserFixtures.EMAIL;
import static dev.authsvc.command.user.domain.UserFixtures.OTHER_SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.SESSION;
import static dev.authsvc.command.user.domain.UserFixtures.T0;
import static dev.authsvc.command.user.domain.UserFixtures.TOKEN_A;
import static dev.authsvc.command.user.domain.UserFixtures.TOKEN_B;
import static dev.authsvc.command.user.domain.UserFixtures.USER_ID;
import static dev.authsvc.command.user.domain.UserFixtures.WRONG_HASH;
import static dev.authsvc.command.user.domain.UserFixtures.loggedIn;
import static dev.authsvc.command.user.domain.UserFixtures.newFixture;
import static dev.authsvc.command.user.domain.UserFixtures.otpRequested;
import static dev.authsvc.command.user.domain.UserFixtures.phoneChangeRequested;
import static dev.authsvc.command.user.domain.UserFixtures.phoneCodeFailed;
import static dev.authsvc.command.user.domain.UserFixtures.registered;
import static dev.authsvc.command.user.domain.UserFixtures.sealed;
import static dev.authsvc.command.user.domain.UserFixtures.wrongPasswords;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.authsvc.command.user.api.AccountLocked;
import dev.authsvc.command.user.api.EmailVerificationRequested;
import dev.authsvc.command.user.api.PasswordResetRequested;
import dev.authsvc.command.user.api.VerifyOtpCommand;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshots are written by Jackson 2 with field visibility; every piece of state must survive the round trip. */
class UserSnapshotTest {

    private static final List<ObjectMapper> SNAPSHOT_MAPPERS = List.of(
            new ObjectMapper().registerModule(new JavaTimeModule())
                    .setVisibility(PropertyAccessor.FIELD, Visibility.ANY),
            new ObjectMapper().registerModule(new JavaTimeModule())
                    .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                    .setVisibility(PropertyAccessor.FIELD, Visibility.ANY));

    @Test
    void everyPieceOfState_survivesASnapshotRoundTrip() {
        Instant later = T0.plus(Duration.ofMinutes(3));
        newFixture().givenCurrentTime(T0)
                .andGiven(registered(),
                        new EmailVerificationRequested(USER_ID, EMAIL, TOKEN_A, sealed(TOKEN_A), T0.plus(Duration.ofDays(1)), T0),
                        new PasswordResetRequested(USER_ID, EMAIL, TOKEN_B, sealed(TOKEN_B), T0.plus(Duration.ofMinutes(30)), T0),
                        loggedIn(SESSION, T0), loggedIn(OTHER_SESSION, T0),
                        phoneChangeRequested(CODE_B, T0), phoneCodeFailed(1, T0), otpRequested(CODE_A, T0))
                .andGiven(wrongPasswords(1, 3, T0))
                .andGiven(new AccountLocked(USER_ID, T0.plusSeconds(1), T0))
                .andGivenCurrentTime(later)
                .when(new VerifyOtpCommand(USER_ID, WRONG_HASH, "session-3"))
                .expectState(user -> SNAPSHOT_MAPPERS.forEach(mapper -> assertRoundTrip(mapper, user)));
    }

    private static void assertRoundTrip(ObjectMapper mapper, User user) {
        try {
            byte[] snapshot = mapper.writeValueAsBytes(user);
            User restored = mapper.readValue(snapshot, User.class);
            assertThat(restored).usingRecursiveComparison().isEqualTo(user);
            assertThat(new String(snapshot)).contains(CODE_A, CODE_B, TOKEN_A, TOKEN_B, OTHER_SESSION, "recentSms",
                    "lockedUntil", "\"failedTries\":1");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
