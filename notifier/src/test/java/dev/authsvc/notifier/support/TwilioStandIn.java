package dev.authsvc.notifier.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;

/**
 * A WireMock server standing in for Twilio's Messages API, reached by the real SDK through
 * {@code TWILIO_API_BASE_URL}. One server for the whole test run; tests tell their messages apart by the
 * recipient number. Unless told otherwise it accepts every message with 201.
 */
public final class TwilioStandIn {

    public static final String ACCOUNT_SID = "ACtest0123456789abcdef0123456789ab";
    public static final String AUTH_TOKEN = "twilio-test-auth-token-0123456789";
    public static final String FROM = "+15005550006";
    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    private static final WireMockServer SERVER = start();

    private TwilioStandIn() {
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(10).willReturn(created()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + SERVER.port();
    }

    public static Map<String, String> properties() {
        return Map.of(
                "notifier.twilio.account-sid", ACCOUNT_SID,
                "notifier.twilio.auth-token", AUTH_TOKEN,
                "notifier.twilio.phone-number", FROM,
                "notifier.twilio.api-base-url", baseUrl());
    }

    /** Twilio refuses messages to {@code to} with {@code status} and its usual JSON error. */
    public static void refuse(String to, int status, int code, String message) {
        SERVER.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(1)
                .withFormParam("To", equalTo(to))
                .willReturn(error(status, code, message)));
    }

    /** The first message to {@code to} gets {@code status}, the next ones are accepted. */
    public static void failOnceThenAccept(String to, int status) {
        String scenario = "fail-once-" + to;
        SERVER.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(1)
                .withFormParam("To", equalTo(to))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(status, 20500, "Internal Server Error"))
                .willSetStateTo("recovered"));
        SERVER.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(1)
                .withFormParam("To", equalTo(to))
                .inScenario(scenario).whenScenarioStateIs("recovered")
                .willReturn(created()));
    }

    /** Every request made for messages to {@code to}, failed ones included. */
    public static List<LoggedRequest> requestsTo(String to) {
        return SERVER.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(to)));
    }

    public static String form(LoggedRequest request, String name) {
        FormParameter parameter = request.formParameter(name);
        return parameter == null || !parameter.isPresent() ? null : parameter.firstValue();
    }

    private static ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"SM00000000000000000000000000000001\", \"status\": \"queued\"}");
    }

    private static ResponseDefinitionBuilder error(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": %d, \"message\": \"%s\", \"more_info\": \"https://www.twilio.com/docs/errors/%d\", \"status\": %d}"
                        .formatted(code, message, code, status));
    }
}
