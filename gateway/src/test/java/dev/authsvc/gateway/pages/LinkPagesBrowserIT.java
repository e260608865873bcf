package dev.authsvc.gateway.pages;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.authsvc.testsupport.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The mailed links' pages in a real browser, served by the gateway, calling a stand-in command-service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LinkPagesBrowserIT {

    static final WireMockServer COMMAND = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    static final String PROBLEM = "application/problem+json";

    static {
        COMMAND.start();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("gateway.command-service-url", COMMAND::baseUrl);
    }

    @AfterAll
    static void stopStandIn() {
        COMMAND.stop();
    }

    @LocalServerPort
    int port;

    static WebDriver browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void standInForCommandService() {
        COMMAND.resetAll();
        COMMAND.stubFor(post(urlEqualTo("/reset-password/confirm")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", PROBLEM)
                .withBody("{\"status\":400,\"error\":\"This link is invalid, expired or already used.\",\"field\":\"token\"}")));
        COMMAND.stubFor(post(urlEqualTo("/reset-password/confirm"))
                .withRequestBody(equalToJson("{\"token\":\"good-token\",\"new_password\":\"a fresh start here\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Your password has been reset.\"}")));
        COMMAND.stubFor(post(urlEqualTo("/verify-email")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", PROBLEM)
                .withBody("{\"status\":400,\"error\":\"This link is invalid, expired or already used.\"}")));
        COMMAND.stubFor(post(urlEqualTo("/verify-email")).withRequestBody(equalToJson("{\"token\":\"good-token\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Your email address has been verified.\"}")));
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }

    String messageOnceShown() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElement(By.id("message")).getText().isBlank()
                && !browser.findElement(By.id("message")).getText().equals("Confirming…"));
        return browser.findElement(By.id("message")).getText();
    }

    void typeNewPassword(String password, String repeat) {
        browser.findElement(By.id("new-password")).sendKeys(password);
        browser.findElement(By.id("repeat-password")).sendKeys(repeat);
        browser.findElement(By.id("submit")).click();
    }

    @Test
    void theResetPageSetsTheNewPasswordWithTheLinksToken() {
        browser.get(url("/reset-password?token=good-token"));
        assertThat(browser.findElement(By.cssSelector("label[for=new-password]")).getText()).isEqualTo("New password");

        typeNewPassword("a fresh start here", "a fresh start here");

        assertThat(messageOnceShown()).contains("Your password has been changed");
        assertThat(browser.findElement(By.id("reset-form")).isDisplayed()).isFalse();
        COMMAND.verify(1, postRequestedFor(urlEqualTo("/reset-password/confirm")));
    }

    @Test
    void twoDifferentPasswordsAreCaughtBeforeAnythingIsSent() {
        browser.get(url("/reset-password?token=good-token"));

        typeNewPassword("a fresh start here", "a fresh start there");

        assertThat(messageOnceShown()).isEqualTo("The two passwords are not the same.");
        COMMAND.verify(0, postRequestedFor(urlEqualTo("/reset-password/confirm")));
    }

    @Test
    void anExpiredOrUsedLinkShowsTheApisErrorInWords() {
        browser.get(url("/reset-password?token=used-token"));

        typeNewPassword("a fresh start here", "a fresh start here");

        assertThat(messageOnceShown()).isEqualTo("This link is invalid, expired or already used.");
        assertThat(browser.findElement(By.id("reset-form")).isDisplayed()).isTrue();
    }

    @Test
    void aLinkWithoutTokenSaysSoInsteadOfShowingTheForm() {
        browser.get(url("/reset-password"));

        assertThat(messageOnceShown()).contains("This link is incomplete");
        assertThat(browser.findElement(By.id("reset-form")).isDisplayed()).isFalse();
    }

    @Test
    void theVerificationPageConfirmsTheEmailOrSaysWhyNot() {
        browser.get(url("/verify-email?token=good-token"));
        assertThat(messageOnceShown()).isEqualTo("Thank you: your email address is confirmed.");

        browser.get(url("/verify-email?token=old-token"));
        assertThat(messageOnceShown()).isEqualTo("This link is invalid, expired or already used.");
    }

    @Test
    void thePagesLeakNoTokenThroughRefererOrCaches() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url("/reset-password?token=good-token"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("script-src 'self'").contains("frame-ancestors 'none'"));
    }
}
