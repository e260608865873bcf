package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.AxonClock;
import dev.authsvc.command.user.api.AccountLocked;
import dev.authsvc.command.user.api.PhoneNumberRemoved;
import dev.authsvc.command.user.domain.LockoutPolicy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/**
 * Over HTTP: a known and an unknown email or number answer alike through every lock, a completed reset lets the
 * owner back in and takes off a number attached before the email was proved, and login answers say whether the
 * email is verified.
 */
class AccountOwnershipApiIT extends ApiTestSupport {

    private static final String PASSWORD = "correct horse battery";

    private Response otpLogin(String phone, String otp) {
        return internalPost("/internal/verify/otp", "{\"phone_number\": \"%s\", \"otp\": \"%s\"}".formatted(phone, otp));
    }

    private static long retryAfter(Response response) {
        return Long.parseLong(response.header("Retry-After"));
    }

    /** Same status, same body but for the Retry-After, which may differ by the second between the two calls. */
    private static void assertAlike(Response known, Response unknown, String step) {
        assertThat(unknown.status()).as("status, %s", step).isEqualTo(known.status());
        if (known.status() == 429) {
            assertThat(unknown.text("error")).as("error, %s", step).isEqualTo(known.text("error"));
            assertThat(retryAfter(unknown)).as("Retry-After, %s", step).isBetween(retryAfter(known) - 1,
                    retryAfter(known) + 1);
        } else {
            assertThat(unknown.raw().body()).as("body, %s", step).isEqualTo(known.raw().body());
            assertThat(unknown.header("Retry-After")).as("Retry-After, %s", step).isNull();
        }
    }

    @Test
    void knownAndUnknownEmails_answerAlike_throughEveryGrowingLock_untilTheLockUntilReset() {
        String known = uniqueEmail();
        String unknown = uniqueEmail();
        String userId = registerUser(known, uniquePhone(), PASSWORD);
        Deque<AxonClock> clocks = new ArrayDeque<>();
        try {
            int locks = 0;
            for (int attempt = 1; attempt <= LockoutPolicy.FAILURES_UNTIL_RESET; attempt++) {
                Response k = passwordLogin(known, "wrong password " + attempt);
                Response u = passwordLogin(unknown, "wrong password " + attempt);
                assertAlike(k, u, "attempt " + attempt);
                if (attempt % LockoutPolicy.FAILURES_PER_LOCK != 0) {
                    assertThat(k.status()).as("attempt %d", attempt).isEqualTo(401);
                    continue;
                }
                locks++;
                assertThat(k.status()).as("attempt %d", attempt).isEqualTo(429);
                if (attempt == LockoutPolicy.FAILURES_UNTIL_RESET) {
                    break;
                }
                assertThat(retryAfter(k)).isEqualTo(LockoutPolicy.lockDuration(locks).toSeconds());
                // While locked, even the right password is refused, alike.
                assertAlike(passwordLogin(known, PASSWORD), passwordLogin(unknown, PASSWORD), "during lock " + locks);
                clocks.push(AxonClock.movedAhead(Duration.ofSeconds(retryAfter(k) + 1)));
            }
            Response k = passwordLogin(known, PASSWORD);
            Response u = passwordLogin(unknown, PASSWORD);
            assertAlike(k, u, "after the hundredth failure");
            assertThat(k.status()).isEqualTo(429);
            assertThat(k.text("error")).contains("reset");
            clocks.push(AxonClock.movedAhead(Duration.ofDays(20)));
            assertAlike(passwordLogin(known, PASSWORD), passwordLogin(unknown, PASSWORD), "twenty days later");
            assertThat(passwordLogin(known, PASSWORD).status()).isEqualTo(429);
            assertThat(events(userId, AccountLocked.class)).hasSize(10).last()
                    .satisfies(lock -> assertThat(lock.untilPasswordReset()).isTrue());
        } finally {
            while (!clocks.isEmpty()) {
                clocks.pop().close();
            }
        }
    }

    @Test
    void knownAndUnknownNumbers_answerAlike_forTwelveWrongCodes_andForACodeRequestWhileLocked() {
        String known = uniquePhone();
        String unknown = uniquePhone();
        String userId = registerUser(uniqueEmail(), known, PASSWORD);
        assertAlike(post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(known)),
                post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(unknown)), "first code");
        String wrong = latestOtp(userId).equals("000000") ? "111111" : "000000";

        for (int attempt = 1; attempt <= 12; attempt++) {
            Response k = otpLogin(known, wrong);
            Response u = otpLogin(unknown, wrong);
            assertAlike(k, u, "attempt " + attempt);
            assertThat(k.status()).as("attempt %d", attempt).isEqualTo(attempt < 10 ? 401 : 429);
        }
        Response k = post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(known));
        Response u = post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(unknown));
        assertAlike(k, u, "a code asked for while locked");
        assertThat(k.status()).isEqualTo(429);
        assertThat(retryAfter(k)).isGreaterThan(14 * 60);
    }

    @Test
    void aCompletedReset_liftsTheLockAtOnce_andTheNewPasswordLogsInWithTheEmailVerified() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), PASSWORD);
        for (int attempt = 1; attempt <= 10; attempt++) {
            passwordLogin(email, "wrong password " + attempt);
        }
        assertThat(passwordLogin(email, PASSWORD).status()).isEqualTo(429);

        assertThat(post("/reset-password", "{\"email\": \"%s\"}".formatted(email)).status()).isEqualTo(200);
        Response confirmed = post("/reset-password/confirm",
                "{\"token\": \"%s\", \"new_password\": \"a fresh start here\"}".formatted(latestResetToken(userId)));
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);

        Response login = passwordLogin(email, "a fresh start here");
        assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
        assertThat(login.body().get("claims").get("email_verified").asBoolean()).isTrue();
    }

    @Test
    void aCompletedReset_takesOffTheRegistrationNumber_whichThenLogsInNoMoreAndIsFreeForSomeoneElse() {
        String email = uniqueEmail();
        String phone = uniquePhone();
        String userId = registerUser(email, phone, PASSWORD);
        loginWithOtp(userId, phone);

        post("/reset-password", "{\"email\": \"%s\"}".formatted(email));
        assertThat(post("/reset-password/confirm", "{\"token\": \"%s\", \"new_password\": \"a fresh start here\"}"
                .formatted(latestResetToken(userId))).status()).isEqualTo(200);

        assertThat(events(userId, PhoneNumberRemoved.class)).singleElement()
                .satisfies(removed -> assertThat(removed.phoneNumber()).isEqualTo(phone));
        int codesBefore = events(userId, dev.authsvc.command.user.api.OtpRequested.class).size();
        try (AxonClock later = AxonClock.movedAhead(Duration.ofMinutes(1))) {
            assertThat(post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(phone)).status()).isEqualTo(200);
        }
        assertThat(events(userId, dev.authsvc.command.user.api.OtpRequested.class)).hasSize(codesBefore);
        assertAlike(otpLogin(phone, "123456"), otpLogin(uniquePhone(), "123456"), "the removed number");
        Response login = passwordLogin(email, "a fresh start here");
        assertThat(login.body().get("claims").get("phone_verified").asBoolean()).isFalse();
        assertThat(login.body().get("claims").get("phone_number").isNull()).isTrue();
        registerUser(uniqueEmail(), phone, PASSWORD);
    }

    @Test
    void byDefault_aRightPasswordLogsInBeforeTheEmailIsVerified_andTheAnswerSaysItIsNot() {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), PASSWORD);

        Response before = passwordLogin(email, PASSWORD);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body().get("claims").get("email_verified").asBoolean()).isFalse();

        assertThat(post("/verify-email", "{\"token\": \"%s\"}".formatted(latestEmailToken(userId))).status())
                .isEqualTo(200);
        assertThat(passwordLogin(email, PASSWORD).body().get("claims").get("email_verified").asBoolean()).isTrue();
    }
}
