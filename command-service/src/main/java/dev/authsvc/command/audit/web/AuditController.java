package dev.authsvc.command.audit.web;

import dev.authsvc.command.audit.application.AuditEvent;
import dev.authsvc.command.audit.application.AuditLog;
import dev.authsvc.command.audit.application.AuditPage;
import dev.authsvc.command.audit.application.UserStateAt;
import dev.authsvc.command.audit.application.VerificationReport;
import dev.authsvc.command.config.OpenApiConfiguration;
import dev.authsvc.web.InvalidFieldException;
import dev.authsvc.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit API, read-only, for the {@code admin} and {@code auditor} roles (SecurityConfiguration): stored events
 * with secrets redacted, a user's state at an instant, and the walk of the hash chains (docs/audit.md).
 */
@RestController
@RequestMapping("/audit")
@Tag(name = "audit", description = "Read-only history and tamper evidence; admin or auditor role")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
@ApiResponse(responseCode = "403", description = "The access token's role is neither admin nor auditor",
        content = @Content(mediaType = "application/problem+json",
                schema = @Schema(ref = "#/components/schemas/" + ProblemResponses.SCHEMA)))
class AuditController {

    static final String NDJSON = "application/x-ndjson";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AuditLog auditLog;
    private final JsonMapper json;

    AuditController(AuditLog auditLog, JsonMapper json) {
        this.auditLog = auditLog;
        this.json = json;
    }

    record UserEvents(String userId, List<AuditEvent> events) {
    }

    @GetMapping(path = "/users/{id}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every stored event of one user, oldest first, secrets redacted")
    @ApiResponse(responseCode = "200", description = "The user's events")
    @ApiResponse(responseCode = "404", description = "No stored event has this user id",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/" + ProblemResponses.SCHEMA)))
    UserEvents userEvents(@PathVariable("id") String id) {
        return new UserEvents(id, auditLog.userEvents(id));
    }

    @GetMapping(path = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The global event stream in store order, paged by position",
            description = "Events with a position greater than `after`, at most `limit` (1 to 1000). With "
                    + "`Accept: application/x-ndjson` the same events are streamed, one JSON object a line.")
    @ApiResponse(responseCode = "200", description = "A page; next_after is the after of the next page",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = AuditPage.class)),
                       @Content(mediaType = NDJSON, schema = @Schema(implementation = AuditEvent.class))})
    AuditPage events(
            @Parameter(description = "Position to read after (0: from the start)") @RequestParam(name = "after", required = false) String after,
            @Parameter(description = "At most this many events, 1 to 1000 (default 100)") @RequestParam(name = "limit", required = false) String limit) {
        return auditLog.page(after(after), limit(limit));
    }

    @GetMapping(path = "/events", produces = NDJSON)
    @Operation(hidden = true)
    ResponseEntity<StreamingResponseBody> eventStream(@RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit) {
        long from = after(after);
        int count = limit(limit);
        StreamingResponseBody body = out -> auditLog.stream(from, count, event -> writeLine(out, event));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(body);
    }

    @GetMapping(path = "/users/{id}/state", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A user's state at an instant, replayed by the aggregate from their events up to it")
    @ApiResponse(responseCode = "200", description = "The state after the last event at or before `at`")
    @ApiResponse(responseCode = "404", description = "No stored event has this user id, or none by `at`",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/" + ProblemResponses.SCHEMA)))
    UserStateAt state(@PathVariable("id") String id,
            @Parameter(description = "An ISO-8601 instant such as 2026-12-06T04:00:00Z (default: now)")
            @RequestParam(name = "at", required = false) String at) {
        return auditLog.stateAt(id, instant(at));
    }

    @GetMapping(path = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Walk every user's hash chain: events and users checked, and the first broken link")
    VerificationReport verify() {
        return auditLog.verifyAll();
    }

    @GetMapping(path = "/users/{id}/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Walk one user's hash chain")
    @ApiResponse(responseCode = "404", description = "No stored event or link has this user id",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/" + ProblemResponses.SCHEMA)))
    VerificationReport verifyUser(@PathVariable("id") String id) {
        return auditLog.verifyUser(id);
    }

    private void writeLine(OutputStream out, AuditEvent event) {
        try {
            out.write(json.writeValueAsBytes(event));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long after(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long after = Long.parseLong(value.trim());
            if (after >= 0) {
                return after;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFieldException("after", "after must be a position: a whole number, 0 or more.");
    }

    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFieldException("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ".");
    }

    static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return Instant.now();
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("at", "at must be an ISO-8601 instant such as 2026-12-06T04:00:00Z.");
        }
    }
}
