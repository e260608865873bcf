package dev.authsvc.gateway;

import static dev.authsvc.gateway.UpstreamFaultsIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in front of services that never answer, made of real sockets and no HTTP server at all:
 * <ul>
 * <li>query-service is a port whose connections the system accepts but nobody reads (a listening socket nobody
 * calls {@code accept()} on, as a frozen or hung process's): the request is sent and no answer ever comes;</li>
 * <li>command-service is a port that does not complete a connection: a listening socket whose accept queue is
 * full, so Linux drops each new connection attempt (as a host that drops packets would), and the connect times
 * out.</li>
 * </ul>
 * The connect timeout (1 s) is well under the answer timeout (4 s), so which one ended the wait shows in the time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "gateway.upstream.timeout=4s",
    "gateway.upstream.connect-timeout=1s",
    "gateway.upstream.retry-after=7s"})
class UnresponsiveUpstreamIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ServerSocket NEVER_ANSWERS = listen(50);
    static final ServerSocket NEVER_CONNECTS = listen(1);
    static final List<Socket> QUEUE_FILLERS = fillAcceptQueue(NEVER_CONNECTS);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("gateway.query-service-url", () -> "http://127.0.0.1:" + NEVER_ANSWERS.getLocalPort());
        registry.add("gateway.command-service-url", () -> "http://127.0.0.1:" + NEVER_CONNECTS.getLocalPort());
        registry.add("gateway.notifier-url", () -> "http://127.0.0.1:" + NEVER_ANSWERS.getLocalPort());
    }

    @AfterAll
    static void close() throws IOException {
        for (Socket socket : QUEUE_FILLERS) {
            socket.close();
        }
        NEVER_CONNECTS.close();
        NEVER_ANSWERS.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aServiceThatAcceptsTheConnectionButNeverAnswers_is504WithRetryAfter_atTheAnswerTimeout() throws Exception {
        for (String[] request : new String[][] {{"GET", "/me"}, {"POST", "/login"}}) {
            long started = System.nanoTime();
            HttpResponse<String> response = send(request[0], request[1]);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.statusCode()).as(request[1]).isEqualTo(504);
            assertThat(response.headers().firstValue("Retry-After")).as(request[1]).hasValue("7");
            assertProblem(response, "did not answer in time");
            assertThat(took).as(request[1]).isBetween(Duration.ofMillis(3_900), Duration.ofSeconds(12));
        }
    }

    @Test
    void aServiceThatDoesNotCompleteTheConnection_is504WithRetryAfter_atTheConnectTimeout() throws Exception {
        for (String[] request : new String[][] {{"PUT", "/update-account"}, {"POST", "/register"}}) {
            long started = System.nanoTime();
            HttpResponse<String> response = send(request[0], request[1]);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.statusCode()).as(request[1]).isEqualTo(504);
            assertThat(response.headers().firstValue("Retry-After")).as(request[1]).hasValue("7");
            assertProblem(response, "could not be connected to in time");
            // The connect timeout's 1 s, not the answer timeout's 4 s.
            assertThat(took).as(request[1]).isBetween(Duration.ofMillis(900), Duration.ofMillis(3_500));
        }
    }

    HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer a.b.c")
                .timeout(Duration.ofSeconds(20))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A socket on a free port of loopback that listens with this accept queue and is never accepted from. */
    static ServerSocket listen(int backlog) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Connects until a connection attempt times out: from then on the queue is full and the system drops new
     * attempts (Linux holds backlog + 1 connections; tcp_abort_on_overflow, off by default, would refuse them).
     */
    static List<Socket> fillAcceptQueue(ServerSocket listener) {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(listener.getLocalSocketAddress(), 500);
                    held.add(socket);
                } catch (IOException full) {
                    socket.close();
                    return held;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the accept queue of port " + listener.getLocalPort() + " never filled");
    }
}
