package dev.authsvc.query.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Stands in for command-service's internal verification endpoints on a real HTTP server (WireMock): each test
 * teaches it the answer for its own phone number or email, so tests sharing the server do not meet.
 */
public final class CommandServiceStub {

    public static final String CREDENTIAL = "test-service-credential-0123456789abcdef";
    public static final String OTP_PATH = "/internal/verify/otp";
    public static final String PASSWORD_PATH = "/internal/verify/password";
    public static final String END_SESSION_PATH = "/internal/sessions/end";

    private static final WireMockServer SERVER = start();

    private CommandServiceStub() {
    }

    public static String url() {
        return "http://127.0.0.1:" + SERVER.port();
    }

    public static WireMockServer server() {
        return SERVER;
    }

    /** What command-service answers for a right credential. */
    public record Verified(String userId, String sessionId, Instant authTime, String amr, String email, String phone,
            String role, boolean emailVerified, boolean phoneVerified) {

        public static Verified otp(String userId, String email, String phone, Instant authTime) {
            return new Verified(userId, UUID.randomUUID().toString(), authTime, "otp", email, phone, "employee",
                    false, true);
        }

        public static Verified password(String userId, String email, String phone, Instant authTime) {
            return new Verified(userId, UUID.randomUUID().toString(), authTime, "pwd", email, phone, "employee",
                    true, false);
        }

        String json() {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("email", email);
            claims.put("phone_number", phone);
            claims.put("role", role);
            claims.put("first_name", "Ada");
            claims.put("last_name", "Lovelace");
            claims.put("email_verified", emailVerified);
            claims.put("phone_verified", phoneVerified);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("user_id", userId);
            body.put("session_id", sessionId);
            body.put("auth_time", authTime.toString());
            body.put("amr", amr);
            body.put("claims", claims);
            return TestEvents.JSON.writeValueAsString(body);
        }
    }

    public static void acceptOtp(String phone, String otp, Verified verified) {
        SERVER.stubFor(otpRequest(phone, otp).willReturn(json(200, verified.json())));
    }

    public static void acceptPassword(String email, String password, Verified verified) {
        SERVER.stubFor(post(urlEqualTo(PASSWORD_PATH))
                .withHeader("X-Service-Credential", equalTo(CREDENTIAL))
                .withRequestBody(matchingJsonPath("$.email", equalTo(email)))
                .withRequestBody(matchingJsonPath("$.password", equalTo(password)))
                .willReturn(json(200, verified.json())));
    }

    public static void rejectOtp(String phone) {
        SERVER.stubFor(otpRequest(phone, null).willReturn(json(401, problem(401, "The credentials are not valid.")
                .replace("}", ",\"code\":\"bad_credentials\"}"))));
    }

    public static void lockOtp(String phone, int retryAfterSeconds) {
        SERVER.stubFor(otpRequest(phone, null).willReturn(json(429,
                problem(429, "Too many failed attempts: the account is locked for a while."))
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds))));
    }

    /** command-service shedding the password logins of {@code email}: 503, try again after the given seconds. */
    public static void refusePasswordBusy(String email, int retryAfterSeconds) {
        SERVER.stubFor(post(urlEqualTo(PASSWORD_PATH))
                .withRequestBody(matchingJsonPath("$.email", equalTo(email)))
                .willReturn(json(503, problem(503, "The service is busy checking passwords; try again in a moment."))
                        .withHeader("Retry-After", Integer.toString(retryAfterSeconds))));
    }

    public static void failOtp(String phone, Fault fault) {
        SERVER.stubFor(otpRequest(phone, null).willReturn(aResponse().withFault(fault)));
    }

    public static void answerOtp(String phone, int status, String body) {
        SERVER.stubFor(otpRequest(phone, null).willReturn(json(status, body)));
    }

    /** A logout's call that ended this session on the command side, with the service credential. */
    public static RequestPatternBuilder sessionEnded(String userId, String sessionId) {
        return postRequestedFor(urlEqualTo(END_SESSION_PATH))
                .withHeader("X-Service-Credential", equalTo(CREDENTIAL))
                .withRequestBody(matchingJsonPath("$.user_id", equalTo(userId)))
                .withRequestBody(matchingJsonPath("$.session_id", equalTo(sessionId)));
    }

    /** The call that ended this session on the command side for {@code reason}, with the service credential. */
    public static RequestPatternBuilder sessionEnded(String userId, String sessionId, String reason) {
        return sessionEnded(userId, sessionId).withRequestBody(matchingJsonPath("$.reason", equalTo(reason)));
    }

    /** command-service failing the logout of this session (down, or answering an error). */
    public static void failSessionEnd(String sessionId, Fault fault) {
        SERVER.stubFor(post(urlEqualTo(END_SESSION_PATH))
                .withRequestBody(matchingJsonPath("$.session_id", equalTo(sessionId)))
                .willReturn(aResponse().withFault(fault)));
    }

    private static MappingBuilder otpRequest(String phone, String otp) {
        MappingBuilder request = post(urlEqualTo(OTP_PATH))
                .withHeader("X-Service-Credential", equalTo(CREDENTIAL))
                .withRequestBody(matchingJsonPath("$.phone_number", equalTo(phone)));
        return otp == null ? request : request.withRequestBody(matchingJsonPath("$.otp", equalTo(otp)));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", status == 200 ? "application/json" : "application/problem+json")
                .withBody(body);
    }

    private static String problem(int status, String sentence) {
        return "{\"type\":\"about:blank\",\"title\":\"x\",\"status\":" + status + ",\"detail\":\"" + sentence
                + "\",\"error\":\"" + sentence + "\"}";
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        // command-service ends any session a logout names.
        server.stubFor(post(urlEqualTo(END_SESSION_PATH)).atPriority(10)
                .withHeader("X-Service-Credential", equalTo(CREDENTIAL))
                .willReturn(json(200, "{\"message\":\"Session ended.\"}")));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }
}
