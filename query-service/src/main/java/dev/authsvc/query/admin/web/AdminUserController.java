package dev.authsvc.query.admin.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.query.config.OpenApiConfiguration;
import dev.authsvc.query.session.Callers;
import dev.authsvc.query.session.Sessions;
import dev.authsvc.query.session.web.SessionResponse;
import dev.authsvc.query.user.UserStatus;
import dev.authsvc.query.user.UserView;
import dev.authsvc.query.user.UserViewRepository;
import dev.authsvc.query.web.ProblemException;
import dev.authsvc.web.InvalidFieldException;
import dev.authsvc.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin read side: finding users in {@code user_view} and one user with their sessions that go on. Only for
 * an admin ({@link Callers#admin}): 401 without a live access token, 403 for every other role.
 */
@RestController
class AdminUserController {

    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/" + ProblemResponses.SCHEMA;

    static final Set<String> ROLES = Set.of("admin", "manager", "employee", "auditor");
    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;
    static final int MAX_QUERY_LENGTH = 200;
    static final int MAX_PAGE = 1_000_000;
    static final String NO_SUCH_USER = "There is no such user.";

    private final Callers callers;
    private final UserViewRepository users;
    private final Sessions sessions;
    private final Clock clock;

    AdminUserController(Callers callers, UserViewRepository users, Sessions sessions, Clock clock) {
        this.callers = callers;
        this.users = users;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** A user as the search lists them. */
    record UserSummary(
            @JsonProperty("user_id") String userId,
            @JsonProperty("email") String email,
            @JsonProperty("phone_number") String phoneNumber,
            @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName,
            @JsonProperty("role") String role,
            @JsonProperty("status") String status,
            @JsonProperty("email_verified") boolean emailVerified,
            @JsonProperty("phone_verified") boolean phoneVerified,
            @JsonProperty("locked_until") Instant lockedUntil,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt) {

        static UserSummary of(UserView user, Instant now) {
            return new UserSummary(user.userId(), user.email(), user.phoneNumber(), user.firstName(), user.lastName(),
                    user.role(), user.status(now).value(), user.emailVerified(), user.phoneVerified(),
                    currentLock(user, now), user.createdAt(), user.updatedAt());
        }
    }

    record UserPage(
            @JsonProperty("users") List<UserSummary> users,
            @JsonProperty("page") int page,
            @JsonProperty("size") int size,
            @JsonProperty("total") long total) {
    }

    /** One user, with the admin's reason if disabled and the sessions that go on. */
    record UserDetail(
            @JsonProperty("user_id") String userId,
            @JsonProperty("email") String email,
            @JsonProperty("phone_number") String phoneNumber,
            @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName,
            @JsonProperty("role") String role,
            @JsonProperty("status") String status,
            @JsonProperty("disabled_reason") String disabledReason,
            @JsonProperty("email_verified") boolean emailVerified,
            @JsonProperty("phone_verified") boolean phoneVerified,
            @JsonProperty("locked_until") Instant lockedUntil,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt,
            @JsonProperty("sessions") List<SessionResponse> sessions) {
    }

    @GetMapping("/admin/users")
    @Operation(summary = "Finds users by a prefix of their email, phone number, first or last name (any case), "
            + "by role and by status; a page of them, with the total")
    @ApiResponse(responseCode = "200", description = "A page of users")
    @ApiResponse(responseCode = "403", description = "The caller is not an admin",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @SecurityRequirement(name = OpenApiConfiguration.BEARER)
    UserPage search(
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @Parameter(description = "Prefix of the email, phone number, first or last name; any case")
            @RequestParam(name = "query", required = false) String query,
            @Parameter(description = "admin, manager, employee or auditor")
            @RequestParam(name = "role", required = false) String role,
            @Parameter(description = "active, disabled or locked")
            @RequestParam(name = "status", required = false) String status,
            @Parameter(description = "0-based page number (default 0)")
            @RequestParam(name = "page", required = false) String page,
            @Parameter(description = "Users per page, 1 to 100 (default 20)")
            @RequestParam(name = "size", required = false) String size) {
        callers.admin(authorization);
        String prefix = query == null ? null : query.strip();
        if (prefix != null && prefix.length() > MAX_QUERY_LENGTH) {
            throw new InvalidFieldException("query", "'query' may have at most " + MAX_QUERY_LENGTH + " characters.");
        }
        String roleFilter = blankToNull(role);
        if (roleFilter != null && !ROLES.contains(roleFilter)) {
            throw new InvalidFieldException("role", "'role' must be one of admin, manager, employee, auditor.");
        }
        String statusValue = blankToNull(status);
        UserStatus statusFilter = statusValue == null ? null : UserStatus.of(statusValue).orElseThrow(() ->
                new InvalidFieldException("status", "'status' must be one of active, disabled, locked."));
        int pageNumber = number("page", page, 0, 0, MAX_PAGE);
        int pageSize = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        Instant now = clock.instant();
        UserViewRepository.Page found = users.search(
                new UserViewRepository.Search(prefix, roleFilter, statusFilter, pageNumber, pageSize), now);
        return new UserPage(found.users().stream().map(user -> UserSummary.of(user, now)).toList(), pageNumber,
                pageSize, found.total());
    }

    @GetMapping("/admin/users/{userId}")
    @Operation(summary = "One user as the read model has them, with their sessions that go on")
    @ApiResponse(responseCode = "200", description = "The user")
    @ApiResponse(responseCode = "403", description = "The caller is not an admin",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "404", description = "No such user",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @SecurityRequirement(name = OpenApiConfiguration.BEARER)
    UserDetail user(
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable("userId") String userId) {
        callers.admin(authorization);
        UserView user = users.find(userId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, NO_SUCH_USER));
        Instant now = clock.instant();
        return new UserDetail(user.userId(), user.email(), user.phoneNumber(), user.firstName(), user.lastName(),
                user.role(), user.status(now).value(), user.disabled() ? user.disabledReason() : null,
                user.emailVerified(), user.phoneVerified(), currentLock(user, now), user.createdAt(), user.updatedAt(),
                sessions.live(user.userId()).stream().map(SessionResponse::of).toList());
    }

    /** A lock that has run out is no lock: shown as null. */
    private static Instant currentLock(UserView user, Instant now) {
        return user.lockedUntil() != null && user.lockedUntil().isAfter(now) ? user.lockedUntil() : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int number(String name, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw new InvalidFieldException(name, "'" + name + "' must be a whole number from " + min + " to " + max + ".");
    }
}
