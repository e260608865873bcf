package dev.authsvc.command.user.domain;

import static dev.authsvc.command.user.domain.UserFixtures.EMAIL;
import static dev.authsvc.command.user.domain.UserFixtures.ENCODER;
import static dev.authsvc.command.user.domain.UserFixtures.FIRST_NAME;
import static dev.authsvc.command.user.domain.UserFixtures.LAST_NAME;
import static dev.authsvc.command.user.domain.UserFixtures.PASSWORD;
import static dev.authsvc.command.user.domain.UserFixtures.PHONE;
import static dev.authsvc.command.user.domain.UserFixtures.T0;
import static dev.authsvc.command.user.domain.UserFixtures.TOKEN_A;
import static dev.authsvc.command.user.domain.UserFixtures.USER_ID;
import static dev.authsvc.command.user.domain.UserFixtures.issued;
import static dev.authsvc.command.user.domain.UserFixtures.newFixture;
import static dev.authsvc.command.user.domain.UserFixtures.payload;
import static dev.authsvc.command.user.domain.UserFixtures.rejected;
import static dev.authsvc.command.user.domain.UserFixtures.sealed;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import dev.authsvc.command.user.api.EmailVerificationRequested;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.RegisterUserCommand;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import dev.authsvc.command.user.api.UserRegistered;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private static RegisterUserCommand register(Role role, String password, boolean selfRegistration) {
        Password given = new Password(password);
        // Hashed by AccountService before the command, as there; none for a password bcrypt cannot take.
        String hash = PasswordPolicy.fitsBcrypt(given) ? ENCODER.encode(password) : null;
        return new RegisterUserCommand(USER_ID, FIRST_NAME, LAST_NAME, EMAIL, PHONE, role, given, hash,
                selfRegistration, issued(TOKEN_A));
    }

    @Test
    void seedReadmeRegistration_createsTheUserWithAHashedPasswordAndMailsAVerificationLink() {
        fixture.givenCurrentTime(T0)
                .when(register(Role.EMPLOYEE, PASSWORD, true))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        payload(UserRegistered.class, "of the seed's user with a hash of its password", e ->
                                e.userId().equals(USER_ID) && e.firstName().equals(FIRST_NAME)
                                        && e.lastName().equals(LAST_NAME) && e.email().equals(EMAIL)
                                        && e.phoneNumber().equals(PHONE) && e.role() == Role.EMPLOYEE
                                        && e.registeredAt().equals(T0)
                                        && !e.passwordHash().contains(PASSWORD)
                                        && ENCODER.matches(PASSWORD, e.passwordHash())),
                        payload(new EmailVerificationRequested(USER_ID, EMAIL, TOKEN_A, sealed(TOKEN_A),
                                T0.plus(ResetTokenPolicy.EMAIL_VERIFICATION_VALIDITY), T0)),
                        andNoMore())));
    }

    @Test
    void selfRegistration_withARoleNotSelfAssignable_isRefusedOnTheRoleField() {
        fixture.givenCurrentTime(T0)
                .when(register(Role.ADMIN, PASSWORD, true))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID, "role"));
    }

    @Test
    void selfRegistration_asManager_isRefusedWithTheDefaultSelfAssignableRoles() {
        fixture.givenCurrentTime(T0)
                .when(register(Role.MANAGER, PASSWORD, true))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID, "role"));
    }

    @Test
    void registrationByAnAdmin_mayGiveAnyRole() {
        fixture.givenCurrentTime(T0)
                .when(register(Role.ADMIN, PASSWORD, false))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        payload(UserRegistered.class, "with role admin", e -> e.role() == Role.ADMIN),
                        payload(EmailVerificationRequested.class, "", e -> true),
                        andNoMore())));
    }

    @Test
    void passwordBreakingThePolicy_isRefusedOnThePasswordField() {
        fixture.givenCurrentTime(T0)
                .when(register(Role.EMPLOYEE, "short", true))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID, "password"));
    }
}
