package dev.authsvc.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Rate limits shared through Redis: gateways started as separate applications on random ports, in front of one
 * WireMock stand-in. The shared-budget test needs the Redis at 127.0.0.1:6379 and is skipped without it, unless
 * {@code AUTH_TEST_REQUIRE_REDIS=true}; the fail-open test needs none.
 */
class SharedRateLimitIT {

    static final String REDIS_URL = "redis://127.0.0.1:6379";
    static final WireMockServer SERVICES = StandInServices.start();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static {
        SERVICES.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    /** Unique per run, so runs never see each other's buckets and cleaning up touches only these keys. */
    final String keyPrefix = "authsvc-test:ratelimit:" + UUID.randomUUID() + ":";
    final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

    @AfterAll
    static void stopServices() {
        SERVICES.stop();
    }

    @AfterEach
    void stopGatewaysAndDropTheirKeys() {
        gateways.forEach(ConfigurableApplicationContext::close);
        if (redisListens()) {
            withRedis(redis -> {
                List<String> keys = redis.keys(keyPrefix + "*");
                if (!keys.isEmpty()) {
                    redis.del(keys.toArray(String[]::new));
                }
            });
        }
    }

    static void withRedis(Consumer<RedisCommands<String, String>> work) {
        RedisClient client = RedisClient.create(REDIS_URL);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            work.accept(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    @Test
    void anAddressThatSpentItsBudgetOnOneGatewayIsRefusedByTheOther() throws Exception {
        requireRedis();
        // A roomy Redis timeout: on a loaded machine the first connect can take longer than the default 500 ms,
        // and a failed connect lets requests through (fail open) for the next 5 s.
        int first = start(REDIS_URL, "5s");
        int second = start(REDIS_URL, "5s");

        assertThat(post(first, "/send-otp").statusCode()).isEqualTo(200);
        assertThat(post(first, "/login").statusCode()).isEqualTo(200);
        assertThat(post(first, "/register").statusCode()).isEqualTo(200);

        HttpResponse<String> limited = post(second, "/login");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(limited.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        // The general budget (6) is shared too: 4 spent, 2 left across both gateways.
        assertThat(post(second, "/verify-email").statusCode()).isEqualTo(200);
        assertThat(post(first, "/token/refresh").statusCode()).isEqualTo(200);
        assertThat(post(second, "/verify-phone").statusCode()).isEqualTo(429);
        assertThat(post(first, "/verify-phone").statusCode()).isEqualTo(429);

        // One key per budget for the address, each expiring once its bucket would be full again (a minute here).
        withRedis(redis -> assertThat(redis.keys(keyPrefix + "*"))
                .containsExactlyInAnyOrder(keyPrefix + "general:127.0.0.1", keyPrefix + "credential:127.0.0.1")
                .allSatisfy(key -> assertThat(redis.pttl(key)).isBetween(1L, 75_000L)));
    }

    @Test
    void anUnreachableRedisLetsRequestsThroughAndCountsTheFailures() throws Exception {
        int gateway = start("redis://127.0.0.1:" + closedPort());

        for (int i = 0; i < 10; i++) {
            long started = System.nanoTime();
            assertThat(post(gateway, "/login").statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
        MeterRegistry meters = gateways.get(0).getBean(MeterRegistry.class);
        assertThat(meters.counter("gateway.ratelimit.store.errors").count()).isGreaterThanOrEqualTo(10);
    }

    /** Starts a gateway with small budgets and the given Redis; its port. */
    int start(String redisUrl) {
        return start(redisUrl, "500ms");
    }

    int start(String redisUrl, String redisTimeout) {
        // As arguments: they outrank application.yml, which default properties would not.
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.command-service-url=" + SERVICES.baseUrl(),
                "--gateway.query-service-url=" + SERVICES.baseUrl(),
                "--gateway.notifier-url=" + SERVICES.baseUrl(),
                "--gateway.limits.requests-per-minute=6",
                "--gateway.limits.credential-requests-per-minute=3",
                "--gateway.limits.redis-url=" + redisUrl,
                "--gateway.limits.redis-key-prefix=" + keyPrefix,
                "--gateway.limits.redis-timeout=" + redisTimeout);
        gateways.add(gateway);
        return Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
    }

    static HttpResponse<String> post(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void requireRedis() {
        if (redisListens()) {
            return;
        }
        if ("true".equals(System.getenv("AUTH_TEST_REQUIRE_REDIS"))) {
            throw new IllegalStateException("AUTH_TEST_REQUIRE_REDIS is set but nothing listens at " + REDIS_URL);
        }
        Assumptions.abort("Shared rate limits need a Redis at " + REDIS_URL
                + "; skipped (set AUTH_TEST_REQUIRE_REDIS=true to fail instead)");
    }

    static boolean redisListens() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nothing listens on: one just given up by the system. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
