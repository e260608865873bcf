package dev.authsvc.query.user.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.query.config.OpenApiConfiguration;
import dev.authsvc.query.session.Callers;
import dev.authsvc.query.user.UserView;
import dev.authsvc.query.web.ProblemException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own profile, from {@code user_view}, for a valid access token of a session that goes on and a user
 * who is not disabled ({@link Callers#live}).
 */
@RestController
class MeController {

    private final Callers callers;

    MeController(Callers callers) {
        this.callers = callers;
    }

    record Profile(
            @JsonProperty("user_id") String userId,
            @JsonProperty("email") String email,
            @JsonProperty("phone_number") String phoneNumber,
            @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName,
            @JsonProperty("role") String role,
            @JsonProperty("email_verified") boolean emailVerified,
            @JsonProperty("phone_verified") boolean phoneVerified,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt) {

        static Profile of(UserView user) {
            return new Profile(user.userId(), user.email(), user.phoneNumber(), user.firstName(), user.lastName(),
                    user.role(), user.emailVerified(), user.phoneVerified(), user.createdAt(), user.updatedAt());
        }
    }

    @GetMapping("/me")
    @SecurityRequirement(name = OpenApiConfiguration.BEARER)
    Profile me(@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        // The row read with the session (Callers.caller): one query per request.
        return callers.caller(authorization).user().map(Profile::of).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "This account's profile is not available yet; try again in a moment."));
    }
}
