package dev.authsvc.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The credential budget follows the route that serves a request, not the text of its path: once {@code /login}
 * answers 429, no other spelling of it (or of the other credential paths) reaches a service. Each test spends
 * the budget of one client address of its own (a forwarded address, the request coming from loopback, a trusted
 * proxy by default), so the tests do not share buckets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "gateway.limits.credential-requests-per-minute=3",
    "gateway.limits.requests-per-minute=1000",
    // No token comes back while a test runs, however slow the machine.
    "gateway.limits.window=1h"})
@DirtiesContext
class PathSpellingRateLimitIT {

    static final WireMockServer SERVICES = StandInServices.start();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        StandInServices.routeTo(registry, SERVICES, SERVICES, SERVICES);
    }

    @AfterAll
    static void stop() {
        SERVICES.stop();
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void servicesAnswerEverything() {
        SERVICES.resetAll();
        SERVICES.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
    }

    RawHttp.Answer post(String rawPath, String client) throws Exception {
        return RawHttp.send(port, "POST", rawPath, "{}", "X-Forwarded-For: " + client);
    }

    void spendTheCredentialBudget(String path, String client) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post(path, client).status()).isEqualTo(200);
        }
        assertThat(post(path, client).status()).isEqualTo(429);
        SERVICES.resetRequests();
    }

    @Test
    void onceLoginIs429_noOtherSpellingOfACredentialPathReachesAService() throws Exception {
        String client = "203.0.113.10";
        spendTheCredentialBudget("/login", client);

        List<String> spellings = List.of("/%6cogin", "/log%69n", "/login;x=1", "/login;", "/login/", "//login",
                "/./login", "/x/../login", "/login/.", "/login?x=1", "/send-%6ftp", "/reset-%70assword",
                "/%72egister", "/send-otp;x=1", "/reset-password/%63onfirm", "/register/");
        for (String spelling : spellings) {
            RawHttp.Answer answer = post(spelling, client);
            assertThat(answer.status()).as(spelling).isIn(400, 429);
            assertThat(answer.text()).as(spelling).contains("application/problem+json").contains("\"error\"");
        }
        assertThat(SERVICES.getAllServeEvents()).as("requests that reached a service").isEmpty();
    }

    @Test
    void aNonCanonicalPath_isA400ProblemNamingWhatIsWrong_beforeAnyBudgetIsSpent() throws Exception {
        String client = "203.0.113.11";

        RawHttp.Answer encoded = post("/log%69n", client);
        RawHttp.Answer parameter = post("/login;x=1", client);
        RawHttp.Answer dots = post("/x/../login", client);

        assertThat(encoded.status()).isEqualTo(400);
        assertThat(encoded.text()).contains("percent-encoded");
        assertThat(parameter.status()).isEqualTo(400);
        assertThat(parameter.text()).contains("';' parameter");
        assertThat(dots.status()).isEqualTo(400);
        assertThat(dots.text()).contains("'..'");
        assertThat(SERVICES.getAllServeEvents()).isEmpty();
        // Refused spellings spent none of the client's credential budget.
        for (int i = 0; i < 3; i++) {
            assertThat(post("/login", client).status()).isEqualTo(200);
        }
    }

    @Test
    void caseVariants_routeNowhere_andNeverReachAService() throws Exception {
        String client = "203.0.113.12";
        spendTheCredentialBudget("/login", client);

        for (String spelling : List.of("/LOGIN", "/Login", "/logIn")) {
            assertThat(post(spelling, client).status()).as(spelling).isIn(404, 405);
        }
        assertThat(SERVICES.getAllServeEvents()).isEmpty();
    }

    /** The seed's {@code /reset-password/<token>} completes a reset as {@code /reset-password/confirm} does. */
    @Test
    void bothWaysOfCompletingAReset_spendOneBudget() throws Exception {
        String client = "203.0.113.13";
        spendTheCredentialBudget("/reset-password/confirm", client);

        assertThat(post("/reset-password/AbCdEf0123456789_-", client).status()).isEqualTo(429);
        assertThat(SERVICES.getAllServeEvents()).isEmpty();
    }

    @Test
    void openingTheResetPage_spendsNoCredentialBudget() throws Exception {
        String client = "203.0.113.14";
        for (int i = 0; i < 5; i++) {
            RawHttp.Answer page = RawHttp.send(port, "GET", "/reset-password?token=abc", null,
                    "X-Forwarded-For: " + client);
            assertThat(page.status()).isEqualTo(200);
        }
        assertThat(post("/reset-password", client).status()).isEqualTo(200);
    }
}
