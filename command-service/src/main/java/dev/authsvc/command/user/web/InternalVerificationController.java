package dev.authsvc.command.user.web;

import dev.authsvc.command.user.api.LoginMethod;
import dev.authsvc.command.user.api.LoginResult;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.UserClaims;
import dev.authsvc.command.user.application.AccountService;
import dev.authsvc.web.Problems;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * For query-service only (the service credential guards {@code /internal/**}; the gateway never routes it):
 * checks a login credential and, when it is right, starts a session and answers who the user is.
 */
@Hidden
@RestController
class InternalVerificationController {

    static final String BAD_CREDENTIALS = "The credentials are not valid.";
    static final String LOCKED = "Too many failed attempts: the account is locked for a while.";
    static final String LOCKED_UNTIL_RESET = "Too many failed attempts: the account is locked until its password is "
            + "reset. Ask for a reset link (POST /reset-password) to get back in.";
    static final String EMAIL_NOT_VERIFIED = "The email address is not verified yet: follow the link mailed at "
            + "registration, or reset the password, before logging in with the password.";

    static final String DISABLED = "This account is disabled: ask an administrator.";

    private final AccountService accounts;
    private final ContactFields contacts;

    InternalVerificationController(AccountService accounts, ContactFields contacts) {
        this.accounts = accounts;
        this.contacts = contacts;
    }

    record OtpLogin(@NotBlank String phoneNumber, @NotBlank String otp) {

        @Override
        public String toString() {
            return "OtpLogin[otp=****]";
        }
    }

    record PasswordLogin(@NotBlank String email, @NotNull String password) {

        @Override
        public String toString() {
            return "PasswordLogin[password=****]";
        }
    }

    /** What the query side needs to issue tokens: {@code amr} is {@code otp} or {@code pwd}. */
    record VerifiedLogin(String userId, String sessionId, Instant authTime, String amr, UserClaims claims) {
    }

    @PostMapping("/internal/verify/otp")
    ResponseEntity<?> verifyOtp(@Valid @RequestBody OtpLogin request) {
        return answer(accounts.loginWithOtp(contacts.phone("phone_number", request.phoneNumber()),
                request.otp().strip()));
    }

    @PostMapping("/internal/verify/password")
    ResponseEntity<?> verifyPassword(@Valid @RequestBody PasswordLogin request) {
        return answer(accounts.loginWithPassword(contacts.email("email", request.email()),
                new Password(request.password())));
    }

    private static ResponseEntity<?> answer(LoginResult result) {
        if (result.succeeded()) {
            return ResponseEntity.ok(new VerifiedLogin(result.userId(), result.sessionId(), result.authTime(),
                    result.method() == LoginMethod.OTP ? "otp" : "pwd", result.claims()));
        }
        return switch (result.failure()) {
            case LOCKED -> Problems.response(HttpStatus.TOO_MANY_REQUESTS, LOCKED, null, result.retryAfter());
            case LOCKED_UNTIL_RESET -> Problems.response(HttpStatus.TOO_MANY_REQUESTS, LOCKED_UNTIL_RESET, null,
                    result.retryAfter());
            case EMAIL_NOT_VERIFIED -> Problems.response(HttpStatus.FORBIDDEN, EMAIL_NOT_VERIFIED, "email");
            case DISABLED -> Problems.response(HttpStatus.FORBIDDEN, DISABLED, null);
            case BAD_CREDENTIALS -> Problems.response(HttpStatus.UNAUTHORIZED, BAD_CREDENTIALS, null);
        };
    }
}
