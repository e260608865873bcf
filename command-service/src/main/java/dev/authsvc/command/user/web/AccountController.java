package dev.authsvc.command.user.web;

import dev.authsvc.command.config.OpenApiConfiguration;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import dev.authsvc.command.user.application.AccountService;
import dev.authsvc.command.user.application.AccountService.AccountChange;
import dev.authsvc.web.InvalidFieldException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Changes a signed-in user makes to their own account; the access token says who and which session. */
@RestController
class AccountController {

    private final AccountService accounts;
    private final ContactFields contacts;

    AccountController(AccountService accounts, ContactFields contacts) {
        this.accounts = accounts;
        this.contacts = contacts;
    }

    /** The seed's body, every field optional; {@code current_password} for a password or phone change. */
    record UpdateAccountRequest(String firstName, String lastName, String phoneNumber, String password,
            String currentPassword) {

        @Override
        public String toString() {
            return "UpdateAccountRequest[password=****, currentPassword=****]";
        }
    }

    record UpdateAccountResponse(String message, boolean phoneVerificationPending) {
    }

    record VerifyPhoneRequest(String code, String otp) {

        String value() {
            return code != null ? code : otp;
        }
    }

    record VerifyEmailRequest(@NotBlank String token) {
    }

    @PutMapping("/update-account")
    @SecurityRequirement(name = OpenApiConfiguration.BEARER)
    UpdateAccountResponse updateAccount(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token, @RequestBody UpdateAccountRequest request) {
        String phone = request.phoneNumber() == null ? null : contacts.phone("phone_number", request.phoneNumber());
        boolean phoneChangePending = accounts.updateAccount(token.getSubject(), sessionOf(token), new AccountChange(
                Names.checkOptional("first_name", request.firstName()),
                Names.checkOptional("last_name", request.lastName()),
                phone,
                request.password() == null ? null : new Password(request.password()),
                request.currentPassword() == null ? null : new Password(request.currentPassword())));
        return !phoneChangePending
                ? new UpdateAccountResponse("Account updated successfully.", false)
                : new UpdateAccountResponse("Account updated successfully. A code was sent to the new phone number: "
                        + "confirm it with POST /verify-phone to complete the change.", true);
    }

    @PostMapping("/verify-phone")
    @SecurityRequirement(name = OpenApiConfiguration.BEARER)
    MessageResponse verifyPhone(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token, @RequestBody VerifyPhoneRequest request) {
        if (request.value() == null || request.value().isBlank()) {
            throw new InvalidFieldException("code", "'code' is required.");
        }
        accounts.confirmPhoneChange(token.getSubject(), sessionOf(token), request.value().strip());
        return new MessageResponse("Your phone number has been changed.");
    }

    @PostMapping("/verify-email")
    MessageResponse verifyEmail(@Valid @RequestBody VerifyEmailRequest request) {
        accounts.verifyEmail(request.token().strip());
        return new MessageResponse("Your email address has been verified.");
    }

    private static String sessionOf(Jwt token) {
        String sessionId = token.getClaimAsString("sid");
        if (sessionId == null) {
            // Without a session the aggregate cannot tell whether the token's session has ended.
            throw new UserCommandRejectedException(Reason.UNAUTHORIZED, null, "The access token carries no session.");
        }
        return sessionId;
    }
}
