package dev.authsvc.query.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.authsvc.query.support.CommandServiceStub;
import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEvents;
import dev.authsvc.testsupport.BadRequests;
import dev.authsvc.testsupport.BadRequests.BadRequest;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to every query-service endpoint that takes a body or a bearer token, case by case: each is answered
 * with a 4xx RFC 9457 problem carrying an {@code error} sentence (and {@code field} when one field is at fault),
 * never a 500; unknown fields in an otherwise good request are ignored; and a refused request changes nothing.
 */
class BadInputIT extends QueryServiceTestSupport {

    private static final String JSON = "application/json";

    /**
     * An endpoint and the body it takes, valid but for {@code field}, whose raw JSON value is filled in; whether
     * a bad value there (not a bad type) is answered naming the field, or only refused as a credential (401).
     */
    private record Endpoint(String path, String field, boolean namesFieldOfBadValue, UnaryOperator<String> bodyWith) {

        @Override
        public String toString() {
            return "POST " + path;
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            // Values go to command-service to check, which this test's stand-in refuses as it does (see below).
            new Endpoint("/login", "phone_number", true,
                    value -> "{\"phone_number\": %s, \"otp\": \"123456\"}".formatted(value)),
            new Endpoint("/token/refresh", "refresh_token", false,
                    value -> "{\"refresh_token\": %s}".formatted(value)),
            new Endpoint("/logout", "refresh_token", true,
                    value -> "{\"refresh_token\": %s}".formatted(value)));

    /** What command-service answers a login whose phone number it cannot read: 400 naming the field. */
    private static final String PHONE_REFUSED = """
            {"type": "about:blank", "title": "Bad Request", "status": 400,
             "detail": "'phone_number' must be a phone number in international form, such as +14155550123.",
             "error": "'phone_number' must be a phone number in international form, such as +14155550123.",
             "field": "phone_number"}""";

    private static StubMapping phoneRefused;

    @BeforeAll
    static void commandServiceRefusesPhoneNumbersItCannotRead() {
        // Below every test's own answers: only logins no test taught the stand-in reach it.
        phoneRefused = CommandServiceStub.server().stubFor(WireMock.post(urlEqualTo(CommandServiceStub.OTP_PATH))
                .atPriority(100)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                        .withBody(PHONE_REFUSED)));
    }

    @AfterAll
    static void forgetTheRefusal() {
        CommandServiceStub.server().removeStub(phoneRefused);
    }

    /** What a bad request is at fault in: the whole body, the field's type (always named), or its value. */
    private enum Fault { BODY, TYPE, VALUE }

    private static Fault faultOf(BadRequest input) {
        if (input.kind() != BadRequests.Kind.FIELD_VALUE) {
            return Fault.BODY;
        }
        // Scalars are read as their text (the seed's clients send numbers as codes), then refused as values;
        // only an object or an array is the wrong type.
        return input.content().startsWith("{") || input.content().startsWith("[") ? Fault.TYPE : Fault.VALUE;
    }

    /** One endpoint sent one bad input. */
    private record Case(Endpoint endpoint, BadRequest input) {

        @Override
        public String toString() {
            return endpoint + ": " + input.description();
        }
    }

    static Stream<Case> badInputs() {
        return ENDPOINTS.stream().flatMap(endpoint -> BadRequests.ALL.stream().map(input -> new Case(endpoint, input)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsA4xxProblemNamingWhatIsWrong(Case badInput) {
        Endpoint endpoint = badInput.endpoint();
        BadRequest input = badInput.input();
        HttpRequest.Builder request = bareRequest(endpoint.path());
        if (input.contentType() != null) {
            request.header("Content-Type", input.contentType());
        }

        Response response = send(request.POST(HttpRequest.BodyPublishers.ofByteArray(input.body(endpoint.bodyWith()))));

        assertIsProblem(response);
        Fault fault = faultOf(input);
        boolean namesField = fault == Fault.TYPE || fault == Fault.VALUE && endpoint.namesFieldOfBadValue();
        if (namesField) {
            assertThat(response.text("field")).as(response.raw().body()).isEqualTo(endpoint.field());
        }
    }

    /** A bearer endpoint sent an Authorization header it cannot use. */
    private record BadAuthorization(String description, String method, String path, String header) {

        @Override
        public String toString() {
            return method + " " + path + ": " + description;
        }
    }

    static Stream<BadAuthorization> badAuthorizations() {
        return Stream.of("GET /me", "POST /logout").flatMap(endpoint -> {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            return Stream.of(
                    new BadAuthorization("a bearer that is no JWT", method, path, "Bearer not-a-jwt"),
                    new BadAuthorization("a bearer of three garbage parts", method, path, "Bearer a.b.c"),
                    new BadAuthorization("another scheme", method, path, "Basic dXNlcjpwYXNz"),
                    new BadAuthorization("the word Bearer alone", method, path, "Bearer"),
                    new BadAuthorization("a 6000-character bearer", method, path, "Bearer " + "x".repeat(6_000)),
                    new BadAuthorization("a 20 000-character bearer, over the header limit", method, path,
                            "Bearer " + "x".repeat(20_000)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAuthorizations")
    void aBadAuthorizationHeaderIsA4xxProblem(BadAuthorization authorization) {
        HttpRequest.Builder request = bareRequest(authorization.path())
                .header("Authorization", authorization.header());

        Response response = send(authorization.method().equals("GET") ? request.GET()
                : request.header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertIsProblem(response);
    }

    private static final String EXTRAS = "\"favourite_colour\": \"blue\", \"nested\": {\"list\": [1, 2.5, null]}";

    /** A request that is valid but for unknown fields, with what it takes to make it (a session). */
    private record ValidRequest(String description, Function<BadInputIT, Response> send) {

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<ValidRequest> requestsWithUnknownFields() {
        return Stream.of(
                new ValidRequest("POST /login", test -> {
                    String email = TestEvents.uniqueEmail();
                    String phone = TestEvents.uniquePhone();
                    String userId = test.registeredUser(email, phone);
                    CommandServiceStub.acceptOtp(phone, "246810",
                            CommandServiceStub.Verified.otp(userId, email, phone, test.clock.instant()));
                    return test.post("/login", "{\"phone_number\": \"%s\", \"otp\": \"246810\", %s}"
                            .formatted(phone, EXTRAS));
                }),
                new ValidRequest("POST /token/refresh", test -> test.post("/token/refresh",
                        "{\"refresh_token\": \"%s\", %s}".formatted(test.login().refreshToken(), EXTRAS))),
                new ValidRequest("POST /logout", test -> test.post("/logout",
                        "{\"refresh_token\": \"%s\", %s}".formatted(test.login().refreshToken(), EXTRAS))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsWithUnknownFields")
    void unknownFieldsInAnOtherwiseValidRequestAreIgnored(ValidRequest request) {
        Response response = request.send().apply(this);

        assertThat(response.status()).as(response.raw().body()).isBetween(200, 299);
    }

    @Test
    void aRefusedLoginNeverAsksCommandServiceAndStartsNoSession() {
        String phone = TestEvents.uniquePhone();

        Response response = post("/login", "{\"phone_number\": \"%s\", \"otp\": {\"code\": \"123456\"}}"
                .formatted(phone));

        assertIsProblem(response);
        assertThat(response.text("field")).isEqualTo("otp");
        assertThat(CommandServiceStub.server().findAll(postRequestedFor(urlEqualTo(CommandServiceStub.OTP_PATH))
                .withRequestBody(matchingJsonPath("$.phone_number", equalTo(phone))))).isEmpty();
    }

    @Test
    void aRefusedRefreshLeavesTheTokenAsItWas() {
        LoggedIn login = login();

        Response response = post("/token/refresh", "{\"refresh_token\": [\"%s\"]}".formatted(login.refreshToken()));

        assertIsProblem(response);
        assertThat(refresh(login.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void aRefusedLogoutLeavesTheSessionGoing() {
        LoggedIn login = login();

        Response response = send(bareRequest("/logout").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"refresh_token\": \"%s\"}".formatted(login.refreshToken()))));

        assertIsProblem(response);
        assertThat(get("/me", login.accessToken()).status()).isEqualTo(200);
    }
}
