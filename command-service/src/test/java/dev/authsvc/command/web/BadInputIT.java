package dev.authsvc.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.TestSecrets;
import dev.authsvc.command.support.TestTokens;
import dev.authsvc.testsupport.BadRequests;
import dev.authsvc.testsupport.BadRequests.BadRequest;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Bad input to every command-service endpoint that takes a body, case by case: each is answered with a 4xx
 * RFC 9457 problem carrying an {@code error} sentence (and {@code field} when one field is at fault), never a
 * 500; unknown fields in an otherwise good request are ignored; and a refused request records nothing.
 */
class BadInputIT extends ApiTestSupport {

    private static final String GOOD_PASSWORD = "correct horse battery";

    private enum Access { PUBLIC, BEARER, SERVICE }

    /**
     * An endpoint and the body it takes, valid but for {@code field}, whose raw JSON value is filled in. In
     * {@code path}, {@code {token}} stands for a live password-reset token.
     */
    private record Endpoint(String method, String path, Access access, String field, UnaryOperator<String> bodyWith) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/register", Access.PUBLIC, "password", value -> """
                    {"first_name": "Ada", "last_name": "Lovelace", "email": "%s", "phone_number": "%s",
                     "password": %s}""".formatted(uniqueEmail(), uniquePhone(), value)),
            new Endpoint("POST", "/send-otp", Access.PUBLIC, "phone_number",
                    value -> "{\"phone_number\": %s}".formatted(value)),
            new Endpoint("POST", "/reset-password", Access.PUBLIC, "email",
                    value -> "{\"email\": %s}".formatted(value)),
            new Endpoint("POST", "/reset-password/confirm", Access.PUBLIC, "token",
                    value -> "{\"token\": %s, \"new_password\": \"%s\"}".formatted(value, GOOD_PASSWORD)),
            new Endpoint("POST", "/reset-password/{token}", Access.PUBLIC, "password",
                    value -> "{\"password\": %s}".formatted(value)),
            new Endpoint("PUT", "/update-account", Access.BEARER, "phone_number",
                    value -> "{\"first_name\": \"Ada\", \"phone_number\": %s}".formatted(value)),
            new Endpoint("POST", "/verify-email", Access.PUBLIC, "token",
                    value -> "{\"token\": %s}".formatted(value)),
            new Endpoint("POST", "/verify-phone", Access.BEARER, "code",
                    value -> "{\"code\": %s}".formatted(value)),
            new Endpoint("POST", "/internal/verify/otp", Access.SERVICE, "phone_number",
                    value -> "{\"phone_number\": %s, \"otp\": \"123456\"}".formatted(value)),
            new Endpoint("POST", "/internal/verify/password", Access.SERVICE, "email",
                    value -> "{\"email\": %s, \"password\": \"%s\"}".formatted(value, GOOD_PASSWORD)),
            new Endpoint("POST", "/internal/sessions/end", Access.SERVICE, "user_id",
                    value -> "{\"user_id\": %s, \"session_id\": \"%s\"}".formatted(value, UUID.randomUUID())));

    private static final String JSON = "application/json";

    /**
     * The shared bad requests and one of this service's own: twenty emoji are few characters but 80 UTF-8 bytes,
     * over the 72 bytes a password may take here.
     */
    private static final List<BadRequest> BAD_INPUTS = Stream.concat(BadRequests.ALL.stream(),
            Stream.of(BadRequests.fieldValue("twenty emoji (80 UTF-8 bytes) in the field",
                    "\"" + "\uD83D\uDE00".repeat(20) + "\""))).toList();

    /**
     * Whether the answer must name the endpoint's field as the one at fault: here every bad value of a field
     * does, whatever its type, as long as the body could be read.
     */
    private static boolean namesField(BadRequest input) {
        return input.kind() == BadRequests.Kind.FIELD_VALUE;
    }

    /** One endpoint sent one bad input. */
    private record Case(Endpoint endpoint, BadRequest input) {

        @Override
        public String toString() {
            return endpoint + ": " + input.description();
        }
    }

    static Stream<Case> badInputs() {
        return ENDPOINTS.stream().flatMap(endpoint -> BAD_INPUTS.stream().map(input -> new Case(endpoint, input)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsA4xxProblemNamingWhatIsWrong(Case badInput) {
        Endpoint endpoint = badInput.endpoint();
        HttpRequest.Builder request = authorized(endpoint, bareRequest(resolve(endpoint.path())));
        if (badInput.input().contentType() != null) {
            request.header("Content-Type", badInput.input().contentType());
        }
        byte[] body = badInput.input().body(endpoint.bodyWith());

        Response response = send(request.method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(body)));

        assertIsProblem(response);
        if (namesField(badInput.input())) {
            assertThat(response.text("field")).as(response.raw().body()).isEqualTo(endpoint.field());
        }
    }

    /** An Authorization header a bearer endpoint cannot use, described. */
    private record BadAuthorization(String description, String header) {

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<BearerCase> badAuthorizations() {
        List<BadAuthorization> headers = List.of(
                new BadAuthorization("a bearer that is no JWT", "Bearer not-a-jwt"),
                new BadAuthorization("a bearer of three garbage parts", "Bearer a.b.c"),
                new BadAuthorization("another scheme", "Basic dXNlcjpwYXNz"),
                new BadAuthorization("the word Bearer alone", "Bearer"),
                new BadAuthorization("a 6000-character bearer", "Bearer " + "x".repeat(6_000)),
                new BadAuthorization("a 20 000-character bearer, over the header limit", "Bearer " + "x".repeat(20_000)));
        List<BearerCase> cases = new ArrayList<>();
        ENDPOINTS.stream().filter(endpoint -> endpoint.access() == Access.BEARER)
                .forEach(endpoint -> headers.forEach(header -> cases.add(new BearerCase(endpoint, header))));
        return cases.stream();
    }

    /** A bearer endpoint with a bad Authorization header. */
    private record BearerCase(Endpoint endpoint, BadAuthorization authorization) {

        @Override
        public String toString() {
            return endpoint + ": " + authorization;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAuthorizations")
    void aBadAuthorizationHeaderIsA4xxProblem(BearerCase badHeader) {
        Endpoint endpoint = badHeader.endpoint();
        HttpRequest.Builder request = bareRequest(endpoint.path()).header("Content-Type", JSON)
                .header("Authorization", badHeader.authorization().header());

        Response response = send(request.method(endpoint.method(),
                HttpRequest.BodyPublishers.ofString(endpoint.bodyWith().apply("\"+14155550123\""))));

        assertIsProblem(response);
    }

    /** A request to a path or with a method no endpoint takes, described. */
    private record BadTarget(String description, String method, String path) {

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<BadTarget> badTargets() {
        return Stream.of(
                new BadTarget("an unknown path", "POST", "/no-such-thing"),
                new BadTarget("a method the path does not take", "GET", "/register"),
                new BadTarget("an unknown internal path", "POST", "/internal/no-such-thing"),
                new BadTarget("a NUL in the reset token's path", "POST", "/reset-password/%00"),
                new BadTarget("an encoded slash in the reset token's path", "POST", "/reset-password/a%2Fb"),
                new BadTarget("a path climbing up", "POST", "/reset-password/..%2F..%2Fregister"),
                new BadTarget("a 20 000-character reset token in the path", "POST",
                        "/reset-password/" + "x".repeat(20_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTargets")
    void aPathOrMethodNoEndpointTakesIsA4xxProblem(BadTarget target) {
        HttpRequest.Builder request = bareRequest(target.path()).header("Content-Type", JSON)
                .header("X-Service-Credential", TestSecrets.SERVICE_CREDENTIAL);

        Response response = send(request.method(target.method(), target.method().equals("GET")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{\"password\": \"a brand new secret\"}")));

        assertIsProblem(response);
    }

    /** A request that is valid but for unknown fields, with what it takes to make it (a user, a token). */
    private record ValidRequest(String description, Function<BadInputIT, Response> send) {

        @Override
        public String toString() {
            return description;
        }
    }

    private static final String EXTRAS = "\"favourite_colour\": \"blue\", \"nested\": {\"list\": [1, 2.5, null]}";

    static Stream<ValidRequest> requestsWithUnknownFields() {
        return Stream.of(
                new ValidRequest("POST /register", test -> test.post("/register", """
                        {"first_name": "Grace", "last_name": "Hopper", "email": "%s", "phone_number": "%s",
                         "password": "%s", %s}""".formatted(uniqueEmail(), uniquePhone(), GOOD_PASSWORD, EXTRAS))),
                new ValidRequest("POST /send-otp", test -> test.post("/send-otp",
                        "{\"phone_number\": \"%s\", %s}".formatted(uniquePhone(), EXTRAS))),
                new ValidRequest("POST /reset-password", test -> test.post("/reset-password",
                        "{\"email\": \"%s\", %s}".formatted(uniqueEmail(), EXTRAS))),
                new ValidRequest("POST /reset-password/confirm", test -> {
                    User user = test.withResetToken();
                    return test.post("/reset-password/confirm", "{\"token\": \"%s\", \"new_password\": \"%s\", %s}"
                            .formatted(user.resetToken(), "a brand new secret", EXTRAS));
                }),
                new ValidRequest("POST /reset-password/{token}", test -> test.post(
                        "/reset-password/" + test.withResetToken().resetToken(),
                        "{\"password\": \"a brand new secret\", %s}".formatted(EXTRAS))),
                new ValidRequest("PUT /update-account", test -> test.put("/update-account",
                        "{\"first_name\": \"Grace\", %s}".formatted(EXTRAS), test.signedIn().token())),
                new ValidRequest("POST /verify-email", test -> test.post("/verify-email",
                        "{\"token\": \"%s\", %s}".formatted(test.latestEmailToken(test.registered().userId()), EXTRAS))),
                new ValidRequest("POST /verify-phone", test -> {
                    User user = test.withPhoneChangePending();
                    return test.post("/verify-phone", "{\"code\": \"%s\", %s}"
                            .formatted(test.latestPhoneChangeCode(user.userId()), EXTRAS), user.token());
                }),
                new ValidRequest("POST /internal/verify/otp", test -> {
                    User user = test.registered();
                    test.post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(user.phone()));
                    return test.internalPost("/internal/verify/otp", "{\"phone_number\": \"%s\", \"otp\": \"%s\", %s}"
                            .formatted(user.phone(), test.latestOtp(user.userId()), EXTRAS));
                }),
                new ValidRequest("POST /internal/verify/password", test -> test.internalPost(
                        "/internal/verify/password", "{\"email\": \"%s\", \"password\": \"%s\", %s}"
                                .formatted(test.registered().email(), GOOD_PASSWORD, EXTRAS))),
                new ValidRequest("POST /internal/sessions/end", test -> {
                    User user = test.signedIn();
                    return test.internalPost("/internal/sessions/end",
                            "{\"user_id\": \"%s\", \"session_id\": \"%s\", %s}"
                                    .formatted(user.userId(), user.sessionId(), EXTRAS));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsWithUnknownFields")
    void unknownFieldsInAnOtherwiseValidRequestAreIgnored(ValidRequest request) {
        Response response = request.send().apply(this);

        assertThat(response.status()).as(response.raw().body()).isBetween(200, 299);
    }

    /** A request refused for its body, sent about an existing user whose history must stay as it was. */
    private record RefusedWrite(String description, Function<BadInputIT, Attempt> attempt) {

        @Override
        public String toString() {
            return description;
        }
    }

    /** The user a refused request is about, and the request, not yet sent. */
    private record Attempt(String userId, Supplier<Response> send) {
    }

    static Stream<RefusedWrite> refusedWrites() {
        return Stream.of(
                new RefusedWrite("POST /send-otp as text/plain", test -> {
                    User user = test.registered();
                    return new Attempt(user.userId(), () -> test.send(test.bareRequest("/send-otp")
                            .header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"phone_number\": \"%s\"}".formatted(user.phone())))));
                }),
                new RefusedWrite("POST /reset-password with no Content-Type", test -> {
                    User user = test.registered();
                    return new Attempt(user.userId(), () -> test.send(test.bareRequest("/reset-password")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"%s\"}".formatted(user.email())))));
                }),
                new RefusedWrite("POST /reset-password/confirm with a number for new_password", test -> {
                    User user = test.withResetToken();
                    return new Attempt(user.userId(), () -> test.post("/reset-password/confirm",
                            "{\"token\": \"%s\", \"new_password\": 1234567890}".formatted(user.resetToken())));
                }),
                new RefusedWrite("POST /reset-password/{token} with an array for password", test -> {
                    User user = test.withResetToken();
                    return new Attempt(user.userId(), () -> test.post("/reset-password/" + user.resetToken(),
                            "{\"password\": [\"a brand new secret\"]}"));
                }),
                new RefusedWrite("PUT /update-account with a good name and an object for phone_number", test -> {
                    User user = test.signedIn();
                    return new Attempt(user.userId(), () -> test.put("/update-account",
                            "{\"first_name\": \"Changed\", \"phone_number\": {\"number\": \"+14155550123\"}}",
                            user.token()));
                }),
                new RefusedWrite("POST /verify-email with the token in an array", test -> {
                    User user = test.registered();
                    return new Attempt(user.userId(), () -> test.post("/verify-email",
                            "{\"token\": [\"%s\"]}".formatted(test.latestEmailToken(user.userId()))));
                }),
                new RefusedWrite("POST /verify-phone with the code in an object", test -> {
                    User user = test.withPhoneChangePending();
                    return new Attempt(user.userId(), () -> test.post("/verify-phone",
                            "{\"code\": {\"value\": \"%s\"}}".formatted(test.latestPhoneChangeCode(user.userId())),
                            user.token()));
                }),
                new RefusedWrite("POST /internal/verify/otp with an object for otp", test -> {
                    User user = test.registered();
                    return new Attempt(user.userId(), () -> test.internalPost("/internal/verify/otp",
                            "{\"phone_number\": \"%s\", \"otp\": {\"code\": \"000000\"}}".formatted(user.phone())));
                }),
                new RefusedWrite("POST /internal/verify/password with an array for password", test -> {
                    User user = test.registered();
                    return new Attempt(user.userId(), () -> test.internalPost("/internal/verify/password",
                            "{\"email\": \"%s\", \"password\": [\"wrong\"]}".formatted(user.email())));
                }),
                new RefusedWrite("POST /internal/sessions/end with an object for session_id", test -> {
                    User user = test.signedIn();
                    return new Attempt(user.userId(), () -> test.internalPost("/internal/sessions/end",
                            "{\"user_id\": \"%s\", \"session_id\": {\"id\": \"%s\"}}"
                                    .formatted(user.userId(), user.sessionId())));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedWrites")
    void aRefusedWriteRecordsNothing(RefusedWrite write) {
        Attempt attempt = write.attempt().apply(this);
        int before = events(attempt.userId()).size();

        Response response = attempt.send().get();

        assertIsProblem(response);
        assertThat(events(attempt.userId())).hasSize(before);
    }

    @Test
    void aRefusedRegistrationClaimsNeitherTheEmailNorThePhone() {
        String email = uniqueEmail();
        String phone = uniquePhone();

        Response refused = post("/register", """
                {"first_name": "Ada", "last_name": "Lovelace", "email": "%s", "phone_number": "%s",
                 "password": "%s"}""".formatted(email, phone, "\uD83D\uDE00".repeat(20)));

        assertIsProblem(refused);
        registerUser(email, phone, GOOD_PASSWORD);
    }

    private HttpRequest.Builder authorized(Endpoint endpoint, HttpRequest.Builder request) {
        return switch (endpoint.access()) {
            case PUBLIC -> request;
            case BEARER -> request.header("Authorization", "Bearer " + sharedUser().token());
            case SERVICE -> request.header("X-Service-Credential", TestSecrets.SERVICE_CREDENTIAL);
        };
    }

    private String resolve(String path) {
        return path.replace("{token}", sharedUser().resetToken());
    }

    /** A user made for a test, with whatever of it the test needs (a session, a reset token). */
    private record User(String userId, String email, String phone, String sessionId, String token,
            String resetToken) {
    }

    /** Signed in, with a live reset token: enough for every endpoint in the bad-input table, never consumed. */
    private static User shared;

    private User sharedUser() {
        if (shared == null) {
            User user = signedIn();
            shared = new User(user.userId(), user.email(), user.phone(), user.sessionId(), user.token(),
                    resetTokenOf(user));
        }
        return shared;
    }

    private User registered() {
        String email = uniqueEmail();
        String phone = uniquePhone();
        return new User(registerUser(email, phone, GOOD_PASSWORD), email, phone, null, null, null);
    }

    private User signedIn() {
        User user = registered();
        JsonNode login = loginWithOtp(user.userId(), user.phone());
        String sessionId = login.get("session_id").asString();
        return new User(user.userId(), user.email(), user.phone(), sessionId,
                TestTokens.accessToken(user.userId(), sessionId), null);
    }

    private User withResetToken() {
        User user = registered();
        return new User(user.userId(), user.email(), user.phone(), null, null, resetTokenOf(user));
    }

    private String resetTokenOf(User user) {
        assertThat(post("/reset-password", "{\"email\": \"%s\"}".formatted(user.email())).status()).isEqualTo(200);
        return latestResetToken(user.userId());
    }

    /** Signed in moments ago (so no current password is needed) and asked to move to a new number. */
    private User withPhoneChangePending() {
        User user = signedIn();
        Response change = put("/update-account", "{\"phone_number\": \"%s\"}".formatted(uniquePhone()), user.token());
        assertThat(change.status()).as(change.raw().body()).isEqualTo(200);
        return user;
    }
}
