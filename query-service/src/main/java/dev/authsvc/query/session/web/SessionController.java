package dev.authsvc.query.session.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.query.config.OpenApiConfiguration;
import dev.authsvc.query.login.CommandServiceClient;
import dev.authsvc.query.session.Sessions;
import dev.authsvc.query.token.access.AccessTokenVerifier;
import dev.authsvc.web.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Refresh-token rotation and logout. */
@RestController
class SessionController {

    private static final String LOGOUT = "logout";

    private final Sessions sessions;
    private final AccessTokenVerifier verifier;
    private final CommandServiceClient commandService;

    SessionController(Sessions sessions, AccessTokenVerifier verifier, CommandServiceClient commandService) {
        this.sessions = sessions;
        this.verifier = verifier;
        this.commandService = commandService;
    }

    record RefreshTokenRequest(@JsonProperty("refresh_token") String refreshToken) {

        @Override
        public String toString() {
            return "RefreshTokenRequest[refreshToken=****]";
        }
    }

    @PostMapping("/token/refresh")
    ResponseEntity<TokenResponse> refresh(@RequestBody RefreshTokenRequest request) {
        if (request.refreshToken() == null || request.refreshToken().isBlank()) {
            throw new InvalidFieldException("refresh_token", "'refresh_token' is required.");
        }
        return TokenResponse.ok("Token refreshed.", sessions.refresh(request.refreshToken().strip()));
    }

    /**
     * Ends the session of the bearer access token, or of {@code refresh_token}, here and on command-service. Like
     * token revocation (RFC 7009) it answers 200 for a refresh token that is unknown or already ended: the
     * caller's aim is met either way. A value that cannot be a refresh token is answered 400.
     */
    @PostMapping("/logout")
    @Operation(summary = "Ends the session of the bearer access token or, without one, of refresh_token")
    @SecurityRequirement(name = OpenApiConfiguration.BEARER)
    ResponseEntity<Map<String, String>> logout(
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) RefreshTokenRequest request) {
        Optional<Sessions.EndedSession> ended;
        if (authorization != null && !authorization.isBlank()) {
            ended = Optional.of(sessions.end(verifier.verifyBearer(authorization), LOGOUT));
        } else if (request != null && request.refreshToken() != null && !request.refreshToken().isBlank()) {
            ended = sessions.endByRefreshToken(request.refreshToken().strip(), LOGOUT);
        } else {
            throw new InvalidFieldException("refresh_token",
                    "Send the access token as 'Authorization: Bearer ...' or the 'refresh_token'.");
        }
        ended.ifPresent(session -> commandService.endSession(session.userId(), session.sessionId(), LOGOUT));
        return ResponseEntity.ok(Map.of("message", "Logged out."));
    }
}
