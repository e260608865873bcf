package dev.authsvc.command.user.web;

import dev.authsvc.command.user.application.AccountService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * For query-service only (the service credential guards {@code /internal/**}): a logout there ends the session
 * here too, so a command carrying an access token of it is refused at once, not only when the token expires.
 */
@Hidden
@RestController
class InternalSessionController {

    private final AccountService accounts;

    InternalSessionController(AccountService accounts) {
        this.accounts = accounts;
    }

    record EndSession(@NotBlank @Size(max = 64) String userId, @NotBlank @Size(max = 64) String sessionId) {
    }

    /** Answers 200 whether or not the session was still going: the caller's aim is met either way. */
    @PostMapping("/internal/sessions/end")
    MessageResponse end(@Valid @RequestBody EndSession request) {
        accounts.endSession(request.userId().strip(), request.sessionId().strip());
        return new MessageResponse("Session ended.");
    }
}
