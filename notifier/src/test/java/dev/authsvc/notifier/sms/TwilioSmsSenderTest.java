package dev.authsvc.notifier.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.twilio.Twilio;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import dev.authsvc.notifier.config.NotifierProperties;
import dev.authsvc.notifier.delivery.EventRef;
import dev.authsvc.notifier.delivery.Notification;
import dev.authsvc.notifier.delivery.PermanentDeliveryException;
import dev.authsvc.notifier.delivery.RetryableDeliveryException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Twilio SDK against a local WireMock server, through {@code TWILIO_API_BASE_URL}. */
class TwilioSmsSenderTest {

    private static final String SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String TOKEN = "test-token";
    private static final String PATH = "/twilio/2010-04-01/Accounts/" + SID + "/Messages.json";
    private static final String TO = "+14155550123";
    private static final WireMockServer TWILIO = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeAll
    static void start() {
        TWILIO.start();
    }

    @AfterAll
    static void stop() {
        TWILIO.stop();
    }

    @BeforeEach
    void reset() {
        TWILIO.resetAll();
    }

    @Test
    void requestsGoToTheBaseUrlAndItsPath_keepingBasicAuthTheFormAndTheSdksHeaders() {
        TWILIO.stubFor(post(urlEqualTo(PATH)).willReturn(created("SM123")));

        String sid = sender("+15005550006", null, Duration.ofSeconds(5)).send(sms("123456 is your code"));

        assertThat(sid).isEqualTo("SM123");
        TWILIO.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder()
                        .encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8))))
                .withHeader("X-Twilio-Client", equalTo("java-" + Twilio.VERSION))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
                .withFormParam("To", equalTo(TO))
                .withFormParam("From", equalTo("+15005550006"))
                .withFormParam("Body", equalTo("123456 is your code")));
    }

    @Test
    void withAMessagingService_theServiceSidIsSentInsteadOfFrom() {
        TWILIO.stubFor(post(urlEqualTo(PATH)).willReturn(created("SM124")));

        sender(null, "MGbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", Duration.ofSeconds(5)).send(sms("code"));

        TWILIO.verify(postRequestedFor(urlEqualTo(PATH))
                .withFormParam("MessagingServiceSid", equalTo("MGbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")));
        assertThat(TWILIO.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString()).doesNotContain("From=");
    }

    @Test
    void serverErrorsAndThrottling_areRetryable_andAskedOnce_forTheNotifiersBackoffToRetry() {
        for (int status : new int[] {500, 503, 429}) {
            TWILIO.resetAll();
            TWILIO.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(status)));

            assertThatThrownBy(() -> sender("+15005550006", null, Duration.ofSeconds(5)).send(sms("code")))
                    .isInstanceOf(RetryableDeliveryException.class)
                    .hasMessageContaining("HTTP " + status);
            TWILIO.verify(1, postRequestedFor(urlEqualTo(PATH)));
        }
    }

    @Test
    void aRefusal_isPermanent_andItsMessageShowsNoFullNumber() {
        TWILIO.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 21211, \"message\": \"The 'To' number " + TO
                        + " is not a valid phone number.\", \"status\": 400}")));

        assertThatThrownBy(() -> sender("+15005550006", null, Duration.ofSeconds(5)).send(sms("code")))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("HTTP 400 (error 21211)")
                .hasMessageContaining("+14*******23")
                .hasMessageNotContaining(TO);
    }

    @Test
    void aTimeout_isRetryable() {
        TWILIO.stubFor(post(anyUrl()).willReturn(created("SM1").withFixedDelay(2_000)));

        assertThatThrownBy(() -> sender("+15005550006", null, Duration.ofMillis(300)).send(sms("code")))
                .isInstanceOf(RetryableDeliveryException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void aRefusedConnection_isRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TwilioSmsSender sender = new TwilioSmsSender(new NotifierProperties.Twilio(SID, TOKEN, "+15005550006", null,
                URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(2)));

        assertThatThrownBy(() -> sender.send(sms("code")))
                .isInstanceOf(RetryableDeliveryException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void redirect_replacesSchemeHostAndPort_andKeepsPathQueryAndParameters() {
        TwilioHttpClient client = new TwilioHttpClient(URI.create("http://127.0.0.1:8089/prefix/"), Duration.ofSeconds(1));
        Request original = new Request(HttpMethod.GET, "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json");
        original.addQueryParam("PageSize", "20");
        original.addHeaderParam("X-Custom", "yes");
        original.setAuth("AC1", "secret");

        Request redirected = client.redirect(original);

        assertThat(redirected.constructURL().toString())
                .isEqualTo("http://127.0.0.1:8089/prefix/2010-04-01/Accounts/AC1/Messages.json?PageSize=20");
        assertThat(redirected.getHeaderParams()).containsEntry("X-Custom", List.of("yes"));
        assertThat(redirected.getAuthString()).isEqualTo(original.getAuthString());
    }

    private static TwilioSmsSender sender(String from, String messagingServiceSid, Duration timeout) {
        return new TwilioSmsSender(new NotifierProperties.Twilio(SID, TOKEN, from, messagingServiceSid,
                URI.create("http://127.0.0.1:" + TWILIO.port() + "/twilio"), timeout));
    }

    private static Notification sms(String text) {
        return Notification.sms(new EventRef("e1", "OtpRequested", "u1", Instant.now()), TO, text);
    }

    private static ResponseDefinitionBuilder created(String sid) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + sid + "\", \"status\": \"queued\"}");
    }
}
