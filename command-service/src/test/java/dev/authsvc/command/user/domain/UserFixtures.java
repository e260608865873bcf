package dev.authsvc.command.user.domain;

import dev.authsvc.command.user.api.CodePurpose;
import dev.authsvc.command.user.api.IssuedSecret;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.LoginMethod;
import dev.authsvc.command.user.api.OtpRequested;
import dev.authsvc.command.user.api.OtpVerificationFailed;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.PhoneChangeRequested;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.SealedSecret;
import dev.authsvc.command.user.api.UpdateAccountCommand;
import dev.authsvc.command.user.api.UserClaims;
import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import dev.authsvc.command.user.api.UserLoggedIn;
import dev.authsvc.command.user.api.UserRegistered;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The user the seed README registers, its events, and matchers for the aggregate tests. */
final class UserFixtures {

    static final String USER_ID = "user-1";
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    static final String FIRST_NAME = "Akash";
    static final String LAST_NAME = "Gupta";
    static final String EMAIL = "akash.gupta@gmail.com";
    static final String PHONE = "+1234567890";
    static final String NEW_PHONE = "+15551234567";
    static final String PASSWORD = "secure_password";
    static final String NEW_PASSWORD = "new_secure_password";

    static final String SESSION = "session-1";
    static final String OTHER_SESSION = "session-2";
    static final String THIRD_SESSION = "session-3";

    /** Keyed hashes as the web layer would compute them; the aggregate only compares them. */
    static final String CODE_A = "a1".repeat(32);
    static final String CODE_B = "b2".repeat(32);
    static final String TOKEN_A = "c3".repeat(32);
    static final String TOKEN_B = "d4".repeat(32);
    static final String WRONG_HASH = "ee".repeat(32);

    /**
     * Cost 4 keeps the tests fast. {@code noop} only stands for an outdated encoding that a login must upgrade.
     */
    @SuppressWarnings("deprecation")
    static final PasswordEncoder ENCODER = new DelegatingPasswordEncoder("bcrypt",
            Map.of("bcrypt", new BCryptPasswordEncoder(4), "noop", NoOpPasswordEncoder.getInstance()));
    static final String PASSWORD_HASH = ENCODER.encode(PASSWORD);

    private UserFixtures() {
    }

    static AggregateTestFixture<User> newFixture() {
        AggregateTestFixture<User> fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(new PasswordPolicy());
        fixture.registerInjectableResource(new RegistrationPolicy(Set.of(Role.EMPLOYEE)));
        fixture.registerInjectableResource(ENCODER);
        fixture.registerInjectableResource(new LoginPolicy(false));
        return fixture;
    }

    /** As {@link #newFixture()}, with password logins refused until the email is verified. */
    static AggregateTestFixture<User> fixtureRequiringVerifiedEmail() {
        AggregateTestFixture<User> fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(new PasswordPolicy());
        fixture.registerInjectableResource(new RegistrationPolicy(Set.of(Role.EMPLOYEE)));
        fixture.registerInjectableResource(ENCODER);
        fixture.registerInjectableResource(new LoginPolicy(true));
        return fixture;
    }

    static SealedSecret sealed(String hash) {
        return new SealedSecret("k1", "sealed-" + hash.substring(0, 8), 2);
    }

    static IssuedSecret issued(String hash) {
        return new IssuedSecret(hash, sealed(hash));
    }

    static UserRegistered registered() {
        return registeredWithHash(PASSWORD_HASH);
    }

    static UserRegistered registeredWithHash(String passwordHash) {
        return new UserRegistered(USER_ID, FIRST_NAME, LAST_NAME, EMAIL, PHONE, Role.EMPLOYEE, passwordHash, T0);
    }

    static UserClaims claims() {
        return new UserClaims(EMAIL, PHONE, Role.EMPLOYEE, FIRST_NAME, LAST_NAME, false, false);
    }

    static OtpRequested otpRequested(String codeHash, Instant at) {
        return new OtpRequested(USER_ID, PHONE, codeHash, sealed(codeHash), at.plus(OtpPolicy.CODE_VALIDITY), at);
    }

    static PhoneChangeRequested phoneChangeRequested(String codeHash, Instant at) {
        return new PhoneChangeRequested(USER_ID, NEW_PHONE, codeHash, sealed(codeHash), at.plus(OtpPolicy.CODE_VALIDITY),
                at);
    }

    static UserLoggedIn loggedIn(String sessionId, Instant at) {
        return new UserLoggedIn(USER_ID, sessionId, LoginMethod.PASSWORD, at);
    }

    /** {@code count} wrong passwords in a row, numbered from {@code from}. */
    static List<Object> wrongPasswords(int from, int count, Instant at) {
        List<Object> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            events.add(new LoginFailed(USER_ID, LoginMethod.PASSWORD, User.REASON_WRONG_PASSWORD, i, at));
        }
        return events;
    }

    /** {@code count} wrong login codes against the current one, each with its LoginFailed. */
    static List<Object> wrongCodes(int count, Instant at) {
        List<Object> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            events.add(loginCodeFailed(i, at));
            events.add(new LoginFailed(USER_ID, LoginMethod.OTP, User.REASON_WRONG_CODE, i, at));
        }
        return events;
    }

    static OtpVerificationFailed loginCodeFailed(int tries, Instant at) {
        return new OtpVerificationFailed(USER_ID, CodePurpose.LOGIN, tries, tries >= OtpPolicy.MAX_WRONG_TRIES, at);
    }

    static OtpVerificationFailed phoneCodeFailed(int tries, Instant at) {
        return new OtpVerificationFailed(USER_ID, CodePurpose.PHONE_CHANGE, tries,
                tries >= OtpPolicy.MAX_WRONG_TRIES, at);
    }

    static UpdateAccountCommand namesUpdate(String sessionId, String firstName, String lastName) {
        return new UpdateAccountCommand(USER_ID, sessionId, firstName, lastName, null, null, null, null);
    }

    static UpdateAccountCommand passwordUpdate(String sessionId, String newPassword, String currentPassword) {
        return new UpdateAccountCommand(USER_ID, sessionId, null, null, null, null, new Password(newPassword),
                currentPassword == null ? null : new Password(currentPassword));
    }

    static UpdateAccountCommand phoneUpdate(String sessionId, String newPhone, String codeHash, String currentPassword) {
        return new UpdateAccountCommand(USER_ID, sessionId, null, null, newPhone, issued(codeHash), null,
                currentPassword == null ? null : new Password(currentPassword));
    }

    static Matcher<Object> rejected(Reason reason, String field) {
        return new RejectionMatcher(reason, field, null);
    }

    static Matcher<Object> rejectedWithRetryAfter(Duration retryAfter) {
        return new RejectionMatcher(Reason.TOO_MANY_REQUESTS, null, retryAfter);
    }

    /** A payload of {@code type} for which {@code check} holds. */
    static <T> Matcher<Object> payload(Class<T> type, String description, Predicate<T> check) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return type.isInstance(item) && check.test(type.cast(item));
            }

            @Override
            public void describeTo(Description out) {
                out.appendText(type.getSimpleName() + " " + description);
            }
        };
    }

    /** An exact payload, compared with {@code equals} (all events are records). */
    static Matcher<Object> payload(Object expected) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return expected.equals(item);
            }

            @Override
            public void describeTo(Description out) {
                out.appendValue(expected);
            }
        };
    }

    private static final class RejectionMatcher extends TypeSafeMatcher<Object> {

        private final Reason reason;
        private final String field;
        private final Duration retryAfter;

        RejectionMatcher(Reason reason, String field, Duration retryAfter) {
            this.reason = reason;
            this.field = field;
            this.retryAfter = retryAfter;
        }

        @Override
        protected boolean matchesSafely(Object item) {
            return item instanceof UserCommandRejectedException rejection
                    && rejection.reason() == reason
                    && Objects.equals(rejection.field(), field)
                    && (retryAfter == null || retryAfter.equals(rejection.retryAfter()));
        }

        @Override
        public void describeTo(Description out) {
            out.appendText("UserCommandRejectedException " + reason + " on field " + field
                    + (retryAfter == null ? "" : " with retryAfter " + retryAfter));
        }

        @Override
        protected void describeMismatchSafely(Object item, Description out) {
            if (item instanceof UserCommandRejectedException rejection) {
                out.appendText("was " + rejection.reason() + " on field " + rejection.field() + " with retryAfter "
                        + rejection.retryAfter() + ": " + rejection.getMessage());
            } else {
                out.appendValue(item);
            }
        }
    }
}
