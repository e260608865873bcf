package dev.authsvc.command.user.web;

import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.application.AccountService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PasswordResetController {

    static final String SENT = "If this email belongs to an account, a link to reset the password has been sent to it.";
    static final String DONE = "Your password has been reset. Every session has been signed out.";

    private final AccountService accounts;
    private final ContactFields contacts;

    PasswordResetController(AccountService accounts, ContactFields contacts) {
        this.accounts = accounts;
        this.contacts = contacts;
    }

    record ResetRequest(@NotBlank String email) {
    }

    record ConfirmRequest(@NotBlank String token, @NotNull String newPassword) {

        @Override
        public String toString() {
            return "ConfirmRequest[token=****, newPassword=****]";
        }
    }

    /** The seed-style confirmation, token in the path. */
    record SeedConfirmRequest(@NotNull String password) {

        @Override
        public String toString() {
            return "SeedConfirmRequest[password=****]";
        }
    }

    @PostMapping("/reset-password")
    MessageResponse requestReset(@Valid @RequestBody ResetRequest request) {
        accounts.requestPasswordReset(contacts.email("email", request.email()));
        return new MessageResponse(SENT);
    }

    @PostMapping("/reset-password/confirm")
    MessageResponse confirm(@Valid @RequestBody ConfirmRequest request) {
        accounts.completePasswordReset(request.token(), new Password(request.newPassword()));
        return new MessageResponse(DONE);
    }

    @PostMapping("/reset-password/{token}")
    MessageResponse confirmSeedStyle(@PathVariable String token, @Valid @RequestBody SeedConfirmRequest request) {
        try {
            accounts.completePasswordReset(token, new Password(request.password()));
        } catch (UserCommandRejectedException e) {
            // The aggregate names the field of the other confirmation's body; this body calls it 'password'.
            if (!"new_password".equals(e.field())) {
                throw e;
            }
            throw new UserCommandRejectedException(e.reason(), "password", e.getMessage(), e.retryAfter());
        }
        return new MessageResponse(DONE);
    }
}
