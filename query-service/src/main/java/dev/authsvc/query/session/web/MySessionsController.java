package dev.authsvc.query.session.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.query.config.OpenApiConfiguration;
import dev.authsvc.query.login.CommandServiceClient;
import dev.authsvc.query.session.Callers;
import dev.authsvc.query.session.Sessions;
import dev.authsvc.query.token.access.AccessTokenClaims;
import dev.authsvc.query.web.ProblemException;
import dev.authsvc.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own devices: their sessions that go on, and ending one of them. */
@RestController
class MySessionsController {

    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/" + ProblemResponses.SCHEMA;

    /** The reason command-service records in {@code SessionsRevoked} for a session its user ended. */
    static final String ENDED_BY_USER = "user";
    static final String NO_SUCH_SESSION = "You have no such session.";

    private final Callers callers;
    private final Sessions sessions;
    private final CommandServiceClient commandService;

    MySessionsController(Callers callers, Sessions sessions, CommandServiceClient commandService) {
        this.callers = callers;
        this.sessions = sessions;
        this.commandService = commandService;
    }

    record MySessions(@JsonProperty("sessions") List<SessionResponse> sessions) {
    }

    @GetMapping("/me/sessions")
    @Operation(summary = "The caller's sessions that go on, oldest first; current marks the one asking")
    @SecurityRequirement(name = OpenApiConfiguration.BEARER)
    MySessions mySessions(
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        AccessTokenClaims caller = callers.live(authorization);
        return new MySessions(sessions.live(caller.userId()).stream()
                .map(session -> SessionResponse.of(session, caller.sessionId()))
                .toList());
    }

    /**
     * Ends one of the caller's sessions, here at once and on command-service (reason {@code user}). Another
     * user's session is answered like an unknown one, 404, so a session id tells nobody whether it exists.
     */
    @DeleteMapping("/me/sessions/{sessionId}")
    @Operation(summary = "Ends one of the caller's own sessions (its refresh and access tokens are refused at once)")
    @ApiResponse(responseCode = "204", description = "The session has ended")
    @ApiResponse(responseCode = "404", description = "The caller has no such session that goes on",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @SecurityRequirement(name = OpenApiConfiguration.BEARER)
    ResponseEntity<Void> endMySession(
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable("sessionId") String sessionId) {
        AccessTokenClaims caller = callers.live(authorization);
        if (!sessions.endOwn(caller.userId(), sessionId, ENDED_BY_USER)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, NO_SUCH_SESSION);
        }
        commandService.endSession(caller.userId(), sessionId, ENDED_BY_USER);
        return ResponseEntity.noContent().build();
    }
}
