package dev.authsvc.query.login;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.query.config.QueryProperties;
import dev.authsvc.query.web.ProblemException;
import dev.authsvc.web.internal.VerifiedLogin;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Asks command-service to verify a login credential ({@code POST /internal/verify/otp} or {@code /password},
 * with the shared service credential). Its 401 for the user's credential (problem member {@code code}
 * {@code bad_credentials}; any other 401 means this service's credential was refused), 429 (with
 * {@code Retry-After}), 403 and 400 are passed on as this service's problems, and so is its 503's
 * {@code Retry-After}; when it cannot be reached, or answers anything else, login is 503. Tells it too when a
 * logout or a reused refresh token ended a session ({@code POST /internal/sessions/end}, with the reason). Each
 * call carries the caller's request id, user agent and address ({@code X-Forwarded-For}, as this service resolved
 * it from the gateway's), which command-service keeps in the metadata of the events the call causes, for audit.
 */
@Component
public class CommandServiceClient {

    static final String CREDENTIAL_HEADER = "X-Service-Credential";
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String FORWARDED_FOR_HEADER = "X-Forwarded-For";
    static final String END_SESSION_PATH = "/internal/sessions/end";
    static final String BAD_CREDENTIALS = "The credentials are not valid.";
    static final String LOCKED = "Too many failed attempts: the account is locked for a while.";
    static final String UNAVAILABLE = "Login is unavailable right now; try again in a moment.";
    private static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);
    private static final int MIN_CREDENTIAL_LENGTH = 32;

    private static final Logger log = LoggerFactory.getLogger(CommandServiceClient.class);

    private final RestClient client;

    public CommandServiceClient(RestClient.Builder builder, QueryProperties properties) {
        QueryProperties.CommandService settings = properties.commandService();
        String credential = properties.internal().credential();
        if (credential == null || credential.length() < MIN_CREDENTIAL_LENGTH) {
            log.warn("auth.internal.credential (AUTH_INTERNAL_CREDENTIAL) is not set or shorter than {} characters: "
                    + "command-service will refuse every login", MIN_CREDENTIAL_LENGTH);
        }
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .build());
        requests.setReadTimeout(settings.readTimeout());
        this.client = builder
                .baseUrl(settings.url().toString())
                .requestFactory(requests)
                .defaultHeader(CREDENTIAL_HEADER, credential == null ? "" : credential)
                .requestInterceptor(CommandServiceClient::passOnTheCallersOrigin)
                .build();
    }

    /** Copies who made the request being served onto the call to command-service, for its events' metadata. */
    private static ClientHttpResponse passOnTheCallersOrigin(HttpRequest call, byte[] body,
            ClientHttpRequestExecution execution) throws IOException {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            HttpHeaders headers = call.getHeaders();
            headers.set(FORWARDED_FOR_HEADER, request.getRemoteAddr());
            String requestId = request.getHeader(REQUEST_ID_HEADER);
            if (requestId != null) {
                headers.set(REQUEST_ID_HEADER, requestId);
            }
            String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
            if (userAgent != null) {
                headers.set(HttpHeaders.USER_AGENT, userAgent);
            }
        }
        return execution.execute(call, body);
    }

    VerifiedLogin verifyOtp(String phoneNumber, String otp) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("phone_number", phoneNumber);
        body.put("otp", otp);
        return verify("/internal/verify/otp", body);
    }

    VerifiedLogin verifyPassword(String email, String password) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        return verify("/internal/verify/password", body);
    }

    /**
     * Ends the session on the command side, so its access tokens are refused there at once and not only when
     * they expire; {@code reason} is {@code logout} or {@code refresh_token_reuse}. A failure is logged, not thrown:
     * the session has ended here already, and there its tokens still expire within their lifetime.
     */
    public void endSession(String userId, String sessionId, String reason) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("user_id", userId);
        body.put("session_id", sessionId);
        body.put("reason", reason);
        try {
            HttpStatusCode status = client.post()
                    .uri(END_SESSION_PATH)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> response.getStatusCode());
            if (!status.is2xxSuccessful()) {
                log.warn("command-service answered {} with status {}: session {} ends there when its tokens expire",
                        END_SESSION_PATH, status.value(), sessionId);
            }
        } catch (RestClientException e) {
            log.warn("command-service is unreachable for {} ({}): session {} ends there when its tokens expire",
                    END_SESSION_PATH, e.getMessage(), sessionId);
        }
    }

    /** The parts of command-service's problem body that are passed on. */
    record Problem(@JsonProperty("detail") String detail, @JsonProperty("error") String error,
            @JsonProperty("field") String field, @JsonProperty(VerifiedLogin.REFUSAL_CODE) String code) {

        String sentence() {
            return error != null ? error : detail;
        }
    }

    private VerifiedLogin verify(String path, Map<String, String> body) {
        try {
            return client.post()
                    .uri(path)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .body(body)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (status == 200) {
                            VerifiedLogin login = response.bodyTo(VerifiedLogin.class);
                            if (login == null || !login.complete()) {
                                log.error("command-service answered {} with an incomplete login", path);
                                throw unavailable();
                            }
                            return login;
                        }
                        Problem problem = problem(response);
                        if (status == 401) {
                            if (problem != null && VerifiedLogin.BAD_CREDENTIALS.equals(problem.code())) {
                                throw new ProblemException(HttpStatus.UNAUTHORIZED, BAD_CREDENTIALS);
                            }
                            // Not the user's credential: command-service refused this service's own.
                            log.error("command-service refused this service's credential "
                                    + "(check AUTH_INTERNAL_CREDENTIAL on both services)");
                            throw unavailable();
                        }
                        if (status == 429) {
                            // Its sentence says whether the lock ends by itself or only with a password reset.
                            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS,
                                    problem != null && problem.sentence() != null ? problem.sentence() : LOCKED, null,
                                    retryAfter(response.getHeaders()), null);
                        }
                        if (status == 403 && problem != null && problem.sentence() != null) {
                            // The right password on an account whose email must be verified first.
                            throw new ProblemException(HttpStatus.FORBIDDEN, problem.sentence(), problem.field(),
                                    null, null);
                        }
                        if (status == 400 && problem != null && problem.sentence() != null) {
                            throw new ProblemException(HttpStatus.BAD_REQUEST, problem.sentence(), problem.field(),
                                    null, null);
                        }
                        if (status == 503) {
                            // Down for a moment, or shedding load (too many password checks waiting): its
                            // Retry-After is passed on, and it counts its own refusals.
                            Duration retryAfter = retryAfter(response.getHeaders());
                            throw unavailable(retryAfter != null ? retryAfter : UNAVAILABLE_RETRY_AFTER);
                        }
                        log.error("command-service answered {} with status {}", path, status);
                        throw unavailable();
                    });
        } catch (RestClientException e) {
            log.warn("command-service is unreachable for {}: {}", path, e.getMessage());
            throw unavailable();
        }
    }

    private static Problem problem(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) {
        try {
            return response.bodyTo(Problem.class);
        } catch (RuntimeException e) {
            // Not a problem body we can read: the status alone decides.
            return null;
        }
    }

    private static Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static ProblemException unavailable() {
        return unavailable(UNAVAILABLE_RETRY_AFTER);
    }

    private static ProblemException unavailable(Duration retryAfter) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, null, retryAfter, null);
    }
}
