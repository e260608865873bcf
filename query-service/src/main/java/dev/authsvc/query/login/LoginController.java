package dev.authsvc.query.login;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.query.session.Sessions;
import dev.authsvc.query.session.web.TokenResponse;
import dev.authsvc.web.InvalidFieldException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /login} with the seed's body, {@code {phone_number, otp}}, or {@code {email, password}}:
 * command-service checks the credential and starts the session, this service issues the tokens. The session
 * keeps the client address ({@code getRemoteAddr()}: Tomcat takes it from {@code X-Forwarded-For} only when the
 * peer is a trusted proxy, {@code server.tomcat.remoteip.internal-proxies}) and the {@code User-Agent}.
 */
@RestController
class LoginController {

    static final String MESSAGE = "Login successful.";
    static final String EITHER_PAIR = "Send 'phone_number' and 'otp', or 'email' and 'password'.";

    private final CommandServiceClient commandService;
    private final Sessions sessions;

    LoginController(CommandServiceClient commandService, Sessions sessions) {
        this.commandService = commandService;
        this.sessions = sessions;
    }

    record LoginRequest(
            @JsonProperty("phone_number") String phoneNumber,
            @JsonProperty("otp") String otp,
            @JsonProperty("email") String email,
            @JsonProperty("password") String password) {

        @Override
        public String toString() {
            return "LoginRequest[otp=****, password=****]";
        }
    }

    @PostMapping("/login")
    ResponseEntity<TokenResponse> login(@RequestBody LoginRequest request, HttpServletRequest http) {
        VerifiedLogin verified;
        if (present(request.phoneNumber()) && present(request.otp())) {
            verified = commandService.verifyOtp(request.phoneNumber().strip(), request.otp().strip());
        } else if (present(request.email()) && request.password() != null && !request.password().isEmpty()) {
            verified = commandService.verifyPassword(request.email().strip(), request.password());
        } else {
            throw new InvalidFieldException(missingField(request), EITHER_PAIR);
        }
        VerifiedLogin.Claims claims = verified.claims();
        return TokenResponse.ok(MESSAGE, sessions.start(new Sessions.Login(verified.userId(), verified.sessionId(),
                verified.authTime(), verified.amr(), claims.role(), claims.email(), claims.emailVerified(),
                claims.phoneVerified(), http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT))));
    }

    /** The field to name: the other half of a pair that was begun, else {@code phone_number} (the seed's way). */
    private static String missingField(LoginRequest request) {
        if (present(request.phoneNumber())) {
            return "otp";
        }
        if (present(request.otp())) {
            return "phone_number";
        }
        if (present(request.email())) {
            return "password";
        }
        if (request.password() != null && !request.password().isEmpty()) {
            return "email";
        }
        return "phone_number";
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
