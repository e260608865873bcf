package dev.authsvc.standalone;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.authsvc.testsupport.Browser;
import dev.authsvc.testsupport.PrivateNetworkPeer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The seed README's walk-through against the standalone stack, through the gateway, with the seed's example
 * bodies: Twilio is a real HTTP server standing in for its API (WireMock), mail goes to a real SMTP server
 * (GreenMail); the walk-through ends reading the topic as a downstream subscriber would. A second test opens the
 * mailed reset link in a real browser (skipped without one). Each test stands alone on the shared stack.
 */
class SeedReadmeEndToEndIT {

    static final String TWILIO_SID = GatewayStackFixtures.TWILIO_SID;
    static final String PHONE = "+1234567890";
    static final String EMAIL = "akash.gupta@gmail.com";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path data;

    static WireMockServer twilio;
    static GreenMail mail;
    static StandaloneStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        twilio = GatewayStackFixtures.twilioAcceptingMessages();
        mail = GatewayStackFixtures.smtpServer();
        Map<String, String> env = GatewayStackFixtures.environment(data, twilio, mail);
        stack = StandaloneStack.start(StandaloneConfig.fromEnvironment(env));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (twilio != null) {
            twilio.stop();
        }
    }

    static HttpResponse<String> call(String method, String path, String json, String bearer) throws Exception {
        return GatewayStackFixtures.call(stack, method, path, json, bearer);
    }

    static JsonNode ok(HttpResponse<String> response) throws Exception {
        return GatewayStackFixtures.ok(response);
    }

    @Test
    void theSeedReadmesExamplesWorkThroughTheGateway_andASubscriberSeesTheUsersEventsInOrder() throws Exception {
        String userId = ok(call("POST", "/register", """
                {
                  "first_name": "Akash",
                  "last_name": "Gupta",
                  "email": "akash.gupta@gmail.com",
                  "phone_number": "+1234567890",
                  "password": "secure_password",
                  "role": "employee"
                }""", null)).get("user_id").asText();

        ok(call("POST", "/send-otp", "{\"phone_number\": \"+1234567890\"}", null));
        List<LoggedRequest> sent = await().atMost(Duration.ofSeconds(60)).until(() -> twilio.findAll(
                postRequestedFor(urlPathMatching(".*/Messages.json")).withFormParam("To", equalTo(PHONE))),
                requests -> !requests.isEmpty());
        LoggedRequest sms = sent.get(0);
        String smsBody = sms.formParameter("Body").firstValue();
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(smsBody);
        assertThat(code.find()).as(smsBody).isTrue();
        assertThat(sms.getHeader("Authorization")).startsWith("Basic ");

        JsonNode tokens = ok(call("POST", "/login",
                "{\"phone_number\": \"+1234567890\", \"otp\": \"" + code.group(1) + "\"}", null));
        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        String accessToken = tokens.get("access_token").asText();

        ok(call("PUT", "/update-account", """
                {
                  "first_name": "John",
                  "last_name": "Doe",
                  "phone_number": "+1234567890",
                  "password": "new_secure_password"
                }""", accessToken));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ok(call("GET", "/me", null, accessToken)).get("first_name").asText()).isEqualTo("John"));

        // A logout ends the session on both sides: command-service refuses its access token at once.
        String loggedOut = ok(call("POST", "/login",
                "{\"email\": \"akash.gupta@gmail.com\", \"password\": \"new_secure_password\"}", null))
                .get("access_token").asText();
        ok(call("POST", "/logout", null, loggedOut));
        assertThat(call("PUT", "/update-account", "{\"first_name\": \"Mallory\"}", loggedOut).statusCode())
                .isEqualTo(401);
        assertThat(call("GET", "/me", null, loggedOut).statusCode()).isEqualTo(401);

        // The mailed link's token completes the reset with the seed-style API call (the browser test opens the page).
        ok(call("POST", "/reset-password", "{\"email\": \"akash.gupta@gmail.com\"}", null));
        String link = await().atMost(Duration.ofSeconds(60)).until(() -> resetLink(EMAIL), value -> value != null);
        assertThat(link).startsWith(stack.gatewayUrl() + "/reset-password?token=");
        String token = URLDecoder.decode(link.substring(link.indexOf("token=") + "token=".length()), StandardCharsets.UTF_8);
        ok(call("POST", "/reset-password/" + token, "{\"password\": \"a fresh start here\"}", null));

        JsonNode afterReset = ok(call("POST", "/login",
                "{\"email\": \"akash.gupta@gmail.com\", \"password\": \"a fresh start here\"}", null));
        assertThat(call("POST", "/login",
                "{\"email\": \"akash.gupta@gmail.com\", \"password\": \"new_secure_password\"}", null).statusCode())
                .isEqualTo(401);
        // The reset ended the session the old access token belonged to.
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/me", null, accessToken).statusCode() == 401);

        // Refresh tokens rotate; presenting an older one again revokes the whole family.
        String first = afterReset.get("refresh_token").asText();
        String second = ok(call("POST", "/token/refresh", refresh(first), null)).get("refresh_token").asText();
        String third = ok(call("POST", "/token/refresh", refresh(second), null)).get("refresh_token").asText();
        assertThat(third).isNotEqualTo(second).isNotEqualTo(first);
        assertThat(call("POST", "/token/refresh", refresh(first), null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/token/refresh", refresh(third), null).statusCode()).isEqualTo(401);

        aDownstreamSubscriberSeesTheEventsInOrder(userId, "UserRegistered", "OtpRequested", "OtpVerified",
                "UserLoggedIn", "ProfileUpdated", "PasswordChanged", "PasswordResetRequested", "PasswordResetCompleted");
    }

    @Test
    void theMailedResetLink_opensAPageThatChangesThePasswordInABrowser() throws Exception {
        WebDriver browser = Browser.start();
        try {
            String email = "browser.reset@example.com";
            ok(call("POST", "/register", """
                    {"first_name": "Bea", "last_name": "Rowser", "email": "browser.reset@example.com",
                     "phone_number": "+1234567892", "password": "an old passphrase"}""", null));
            ok(call("POST", "/reset-password", "{\"email\": \"" + email + "\"}", null));
            String link = await().atMost(Duration.ofSeconds(60)).until(() -> resetLink(email), value -> value != null);
            assertThat(link).startsWith(stack.gatewayUrl() + "/reset-password?token=");

            browser.get(link);
            browser.findElement(By.id("new-password")).sendKeys("a fresh start here");
            browser.findElement(By.id("repeat-password")).sendKeys("a fresh start here");
            browser.findElement(By.id("submit")).click();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    browser.findElement(By.id("message")).getText().contains("Your password has been changed"));

            ok(call("POST", "/login", "{\"email\": \"" + email + "\", \"password\": \"a fresh start here\"}", null));
            assertThat(call("POST", "/login",
                    "{\"email\": \"" + email + "\", \"password\": \"an old passphrase\"}", null).statusCode())
                    .isEqualTo(401);
        } finally {
            browser.quit();
        }
    }

    static String refresh(String token) {
        return "{\"refresh_token\": \"" + token + "\"}";
    }

    static String resetLink(String email) throws Exception {
        for (MimeMessage message : mail.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(email)) {
                Matcher link = Pattern.compile("(http://\\S+/reset-password\\?token=[A-Za-z0-9_%-]+)")
                        .matcher(GreenMailUtil.getBody(message));
                if (link.find()) {
                    return link.group(1);
                }
            }
        }
        return null;
    }

    /**
     * A copied refresh token, presented after the original was used, ends the session on every service at once:
     * query-service revokes the family and tells command-service, which refuses the session's access token from
     * then on, not only once it expires.
     */
    @Test
    void aReusedRefreshToken_endsTheSessionOnEveryServiceAtOnce() throws Exception {
        ok(call("POST", "/register", """
                {"first_name": "Ada", "last_name": "Lovelace", "email": "ada.lovelace@example.com",
                 "phone_number": "+1234567891", "password": "analytical engine"}""", null));
        JsonNode login = ok(call("POST", "/login",
                "{\"email\": \"ada.lovelace@example.com\", \"password\": \"analytical engine\"}", null));
        String accessToken = login.get("access_token").asText();
        String first = login.get("refresh_token").asText();
        String second = ok(call("POST", "/token/refresh", refresh(first), null)).get("refresh_token").asText();
        ok(call("POST", "/token/refresh", refresh(second), null));
        ok(call("PUT", "/update-account", "{\"first_name\": \"Augusta\"}", accessToken));

        assertThat(call("POST", "/token/refresh", refresh(first), null).statusCode()).isEqualTo(401);

        assertThat(call("PUT", "/update-account", "{\"first_name\": \"Mallory\"}", accessToken).statusCode())
                .isEqualTo(401);
    }

    /**
     * On a shared network nobody else reaches the stack: the broker, its controller, the services and the gateway
     * answer on 127.0.0.1 and refuse a connection on this machine's network address.
     */
    @Test
    void theBrokerAndEveryServiceListenOnLoopbackOnly() throws Exception {
        InetAddress network = PrivateNetworkPeer.anyNonLoopbackAddress().orElse(null);
        assumeTrue(network != null, "this machine has no address but loopback");
        StandaloneConfig config = stack.config();

        for (int port : new int[] {config.kafkaPort(), config.kafkaControllerPort(), config.gatewayPort(),
                config.commandServicePort(), config.queryServicePort(), config.notifierPort()}) {
            connect(InetAddress.getLoopbackAddress(), port);
            assertThatThrownBy(() -> connect(network, port)).as("port %d on %s", port, network)
                    .isInstanceOf(ConnectException.class);
        }
    }

    static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5_000);
        }
    }

    /** Reads the topic as a downstream subscriber would: the user's events, in order, with no secret in them. */
    static void aDownstreamSubscriberSeesTheEventsInOrder(String userId, String... expected) throws Exception {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "downstream-e2e-" + userId);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("auth.user-events.v1"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(userId)) {
                        events.add(JSON.readTree(record.value()));
                    }
                }
                return events.stream().anyMatch(event -> event.get("type").asText().equals(expected[expected.length - 1]));
            });
        }

        List<String> types = events.stream().map(event -> event.get("type").asText()).toList();
        assertThat(types.get(0)).isEqualTo("UserRegistered");
        assertThat(types).containsSubsequence(expected);
        List<Long> sequences = events.stream().map(event -> event.get("sequence").asLong()).toList();
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
        assertThat(events).allSatisfy(event -> assertThat(event.toString())
                .doesNotContain("secure_password").doesNotContain("a fresh start here").doesNotContain("$2a$"));
    }
}
