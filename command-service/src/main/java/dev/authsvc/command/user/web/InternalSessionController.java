package dev.authsvc.command.user.web;

import dev.authsvc.command.user.api.EndSessionCommand;
import dev.authsvc.command.user.application.AccountService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * For query-service only (the service credential guards {@code /internal/**}): a logout there, a reused refresh
 * token, or the user ending one of their sessions ({@code DELETE /me/sessions/{sid}}, reason {@code user}) ends the
 * session here too, so a command carrying an access token of it is refused at once, not only when
 * the token expires.
 */
@Hidden
@RestController
class InternalSessionController {

    private static final String REASONS = EndSessionCommand.LOGOUT + "|" + EndSessionCommand.REFRESH_TOKEN_REUSE
            + "|" + EndSessionCommand.USER;
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final AccountService accounts;

    InternalSessionController(AccountService accounts) {
        this.accounts = accounts;
    }

    /**
     * Both ids are UUIDs, as this service makes them, and the reason, when given, one of those query-service
     * sends (absent means a logout): anything else is the caller's mistake, answered 400.
     */
    record EndSession(@NotNull @Pattern(regexp = UUID, message = "must be a UUID") String userId,
            @NotNull @Pattern(regexp = UUID, message = "must be a UUID") String sessionId,
            @Pattern(regexp = REASONS, message = "must be logout, refresh_token_reuse or user") String reason) {
    }

    /** Answers 200 whether or not the session was still going: the caller's aim is met either way. */
    @PostMapping("/internal/sessions/end")
    MessageResponse end(@Valid @RequestBody EndSession request) {
        accounts.endSession(request.userId(), request.sessionId(), request.reason());
        return new MessageResponse("Session ended.");
    }
}
