package dev.authsvc.standalone.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.authsvc.testsupport.TestBrokers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier is killed (SIGKILL) while 50 login codes are on their way, then started again on the same
 * database: every code reaches its number through the Twilio stand-in (WireMock), none twice. Then it is killed
 * again and given every event once more (its group's offsets set back to the start): still none twice. command-service and
 * the notifier run as their own JVMs, from the jars the standalone carries, on a real (embedded KRaft) broker.
 */
class NotifierKillIT {

    private static final String ACCOUNT_SID = "ACtest0123456789abcdef0123456789ab";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    private static final int CODES = 50;
    private static final Duration DELIVERY = Duration.ofSeconds(90);

    @TempDir
    Path directory;

    private FaultStack stack;
    private WireMockServer twilio;
    private final List<ServiceJvm> services = new ArrayList<>();

    @BeforeEach
    void start() {
        stack = new FaultStack(directory);
        twilio = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        twilio.start();
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"SM00000000000000000000000000000001\", \"status\": \"queued\"}")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (ServiceJvm service : services) {
            service.close();
        }
        twilio.stop();
        stack.close();
    }

    @Test
    void notifierKilledInTheMiddleOf50Codes_everyCodeDeliveredOnceAfterItsRestart() throws Exception {
        int commandPort = TestBrokers.freePort();
        ServiceJvm commandService = started("command-service", commandPort, Map.of(
                "COMMAND_SERVICE_PORT", Integer.toString(commandPort),
                "COMMAND_DB_URL", stack.h2("command-service")));
        int notifierPort = TestBrokers.freePort();
        Map<String, String> notifierSettings = Map.of(
                "NOTIFIER_PORT", Integer.toString(notifierPort),
                "NOTIFIER_DB_URL", stack.h2("notifier"),
                "TWILIO_SID", ACCOUNT_SID,
                "TWILIO_AUTH_TOKEN", "twilio-test-auth-token-0123456789",
                "TWILIO_PHONE_NUMBER", "+15005550006",
                "TWILIO_API_BASE_URL", "http://127.0.0.1:" + twilio.port(),
                // E-mails (the verification links of the registrations) stay in memory.
                "AUTH_DEV_OUTBOX", "true");
        ServiceJvm notifier = started("notifier", notifierPort, notifierSettings);

        List<String> phones = new ArrayList<>();
        for (int i = 0; i < CODES; i++) {
            String phone = FaultStack.uniquePhone();
            FaultStack.register(commandService, FaultStack.uniqueEmail(), phone);
            phones.add(phone);
        }

        int killedAfter = -1;
        for (String phone : phones) {
            HttpResponse<String> answer = FaultStack.post(commandService.url() + "/send-otp",
                    "{\"phone_number\": \"%s\"}".formatted(phone));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            if (killedAfter < 0 && messages().size() >= CODES / 4) {
                // Codes are still being requested and delivered: the notifier dies in the middle of its work.
                notifier.kill();
                killedAfter = messages().size();
            }
        }
        if (killedAfter < 0) {
            await().atMost(DELIVERY).until(() -> messages().size() >= CODES / 4);
            notifier.kill();
            killedAfter = messages().size();
        }
        assertThat(killedAfter).as("codes delivered before the kill").isLessThan(CODES);

        long restartedAt = System.nanoTime();
        ServiceJvm restarted = started("notifier", notifierPort, notifierSettings);
        long healthyAfter = Duration.ofNanos(System.nanoTime() - restartedAt).toMillis();
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(250)).until(() -> deliveredTo(phones) == CODES);
        long deliveredAfter = Duration.ofNanos(System.nanoTime() - restartedAt).toMillis();
        // Everything read was acknowledged: no record is left that could still be delivered again.
        try (GroupLag lag = new GroupLag(stack.kafka())) {
            await().atMost(DELIVERY).pollInterval(Duration.ofMillis(250)).until(() -> lag.of("notifier") == 0);
        }

        assertEveryCodeSentOnce(phones);
        System.out.printf("NotifierKillIT: killed after %d of %d codes; restarted notifier healthy after %d ms, "
                + "every code delivered %d ms after the restart%n", killedAfter, CODES, healthyAfter, deliveredAfter);

        // A kill between the commit of the notification rows and the commit of the offsets, for every event at
        // once: killed again, its group set back to the start of the topic, the notifier is given every event
        // again on its restart. Its notification rows are what keeps each code to one SMS.
        restarted.kill();
        try (GroupLag lag = new GroupLag(stack.kafka())) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> lag.rewind("notifier"));
            long redelivered = lag.of("notifier");
            assertThat(redelivered).as("events the notifier is given again").isGreaterThanOrEqualTo(2L * CODES);
            long rewoundAt = System.nanoTime();
            started("notifier", notifierPort, notifierSettings);
            await().atMost(DELIVERY).pollInterval(Duration.ofMillis(250)).until(() -> lag.of("notifier") == 0);
            System.out.printf("NotifierKillIT: all %d events read again %d ms after the second restart began%n",
                    redelivered, Duration.ofNanos(System.nanoTime() - rewoundAt).toMillis());
        }
        assertEveryCodeSentOnce(phones);
    }

    private void assertEveryCodeSentOnce(List<String> phones) {
        Map<String, Long> perNumber = messages().stream()
                .collect(Collectors.groupingBy(request -> request.formParameter("To").firstValue(),
                        Collectors.counting()));
        assertThat(phones).allSatisfy(phone -> assertThat(perNumber.get(phone)).as("messages to " + phone)
                .isEqualTo(1L));
        assertThat(perNumber.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(CODES);
    }

    private long deliveredTo(List<String> phones) {
        Map<String, Long> perNumber = messages().stream()
                .collect(Collectors.groupingBy(request -> request.formParameter("To").firstValue(),
                        Collectors.counting()));
        return phones.stream().filter(perNumber::containsKey).count();
    }

    private List<LoggedRequest> messages() {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    private ServiceJvm started(String jar, int port, Map<String, String> settings) throws Exception {
        Map<String, String> environment = stack.environment();
        environment.putAll(settings);
        ServiceJvm service = ServiceJvm.start(jar, jar, port, directory, environment);
        services.add(service);
        return service;
    }
}
