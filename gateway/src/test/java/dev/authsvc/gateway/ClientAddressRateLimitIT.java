package dev.authsvc.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whose budget a request spends. The requests come from loopback; a gateway that trusts loopback as a proxy (the
 * default) counts them against the client the proxy reports in {@code X-Forwarded-For}, one that does not counts
 * them against the socket address, whatever the header says.
 */
class ClientAddressRateLimitIT {

    static final WireMockServer SERVICES = StandInServices.start();

    static {
        SERVICES.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

    @AfterAll
    static void stopServices() {
        SERVICES.stop();
    }

    @AfterEach
    void stopGateways() {
        gateways.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void behindATrustedProxy_eachReportedClientHasItsOwnBudget() throws Exception {
        int gateway = start("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1");

        spend(gateway, "203.0.113.7");

        assertThat(login(gateway, "203.0.113.7")).isEqualTo(429);
        assertThat(login(gateway, "203.0.113.8")).as("another client behind the same proxy").isEqualTo(200);
        assertThat(login(gateway, null)).as("the proxy's own address").isEqualTo(200);
    }

    @Test
    void behindATrustedProxy_whatTheClientWroteLeftOfTheProxysEntryChangesNothing() throws Exception {
        int gateway = start("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1");

        spend(gateway, "203.0.113.7");

        assertThat(login(gateway, "198.51.100.1, 203.0.113.7")).isEqualTo(429);
        assertThat(login(gateway, "198.51.100.2,203.0.113.7")).isEqualTo(429);
    }

    @Test
    void fromAnAddressThatIsNoTrustedProxy_theSocketAddressCounts_whateverForwardedForSays() throws Exception {
        int gateway = start("10\\.0\\.0\\.5");

        spend(gateway, "203.0.113.7");

        assertThat(login(gateway, "203.0.113.8")).isEqualTo(429);
        assertThat(login(gateway, "2001:db8::1")).isEqualTo(429);
        assertThat(login(gateway, null)).isEqualTo(429);
    }

    @Test
    void ipv6Clients_shareABudgetPerSlash64() throws Exception {
        int gateway = start("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1");

        spend(gateway, "2001:db8:1:2::1");

        assertThat(login(gateway, "2001:db8:1:2:ffff:eeee:dddd:cccc")).as("same /64").isEqualTo(429);
        assertThat(login(gateway, "[2001:db8:1:2::99]:443")).as("same /64, with a port").isEqualTo(429);
        assertThat(login(gateway, "2001:db8:1:3::1")).as("the next /64").isEqualTo(200);
    }

    /** Spends the client's credential budget (3) on {@code /login}. */
    void spend(int gateway, String client) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(login(gateway, client)).isEqualTo(200);
        }
    }

    static int login(int gateway, String forwardedFor) throws Exception {
        return forwardedFor == null
                ? RawHttp.send(gateway, "POST", "/login", "{}").status()
                : RawHttp.send(gateway, "POST", "/login", "{}", "X-Forwarded-For: " + forwardedFor).status();
    }

    /** A gateway with small budgets trusting the given proxies; its port. */
    int start(String trustedProxies) {
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.command-service-url=" + SERVICES.baseUrl(),
                "--gateway.query-service-url=" + SERVICES.baseUrl(),
                "--gateway.notifier-url=" + SERVICES.baseUrl(),
                "--gateway.limits.requests-per-minute=100",
                "--gateway.limits.credential-requests-per-minute=3",
                // No token comes back while a test runs, however slow the machine.
                "--gateway.limits.window=1h",
                "--spring.cloud.gateway.server.webmvc.trusted-proxies=" + trustedProxies);
        gateways.add(gateway);
        return Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
    }
}
