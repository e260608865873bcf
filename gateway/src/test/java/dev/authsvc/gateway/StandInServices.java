package dev.authsvc.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real HTTP servers (WireMock) standing in for the services behind the gateway, and the properties that route
 * the gateway to them; each test class owns its stand-ins, so stopping them after one class leaves another's be.
 */
final class StandInServices {

    private StandInServices() {
    }

    /** A started stand-in on a free port, on loopback only: nothing outside the test can reach it. */
    static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    /** Routes the gateway to the stand-ins; one server may stand in for several services. */
    static void routeTo(DynamicPropertyRegistry registry, WireMockServer command, WireMockServer query,
            WireMockServer notifier) {
        registry.add("gateway.command-service-url", command::baseUrl);
        registry.add("gateway.query-service-url", query::baseUrl);
        registry.add("gateway.notifier-url", notifier::baseUrl);
    }
}
