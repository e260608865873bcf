package dev.authsvc.gateway.routing;

import dev.authsvc.web.Causes;
import dev.authsvc.web.Problems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * What the gateway answers when a service fails to: 503 with {@code Retry-After} when it cannot be reached
 * (nothing listens, the host is unknown or unreachable: it is down or still starting), 504 with {@code Retry-After}
 * when it does not answer in time (connect or answer timeout: it is overloaded, hung or frozen, and may be back
 * shortly), 502 when it breaks the connection without a whole answer. Each is
 * a problem body; never a 500. Whatever a service answers itself, a 503 included, passes through untouched. A
 * client whose body stops arriving while it is passed on is the client's fault: 408, not an error of ours.
 */
public class UpstreamFaults implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    static final String UNAVAILABLE = "The service is not available right now; try again shortly.";
    static final String TIMED_OUT = "The service did not answer in time.";
    static final String NOT_CONNECTED = "The service could not be connected to in time.";
    static final String BROKEN = "The service broke off without a complete answer.";
    static final String STALLED = "The request body did not arrive in time.";
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamFaults.class);

    private final Duration retryAfter;

    public UpstreamFaults(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        try {
            return next.handle(request);
        } catch (ResourceAccessException | UncheckedIOException e) {
            // How the proxy's HTTP client reports an I/O failure talking to the service.
            IOException cause = Causes.find(e, IOException.class);
            if (cause == null) {
                throw e;
            }
            return answer(request, cause, e);
        }
    }

    private ServerResponse answer(ServerRequest request, IOException cause, Exception thrown) throws Exception {
        String path = request.path();
        if (causedBy(cause, "org.apache.catalina.connector.ClientAbortException")) {
            // The client's side, not the service's: it stalled while sending its body, or went away.
            if (Causes.has(cause, SocketTimeoutException.class)) {
                LOG.info("The request body for {} {} did not arrive in time", request.method(), path);
                return problem(HttpStatus.REQUEST_TIMEOUT, STALLED, null);
            }
            throw thrown;
        }
        if (Causes.has(cause, ConnectTimeoutException.class)) {
            LOG.warn("No connection in time to the service for {} {}: {}", request.method(), path, cause.toString());
            return problem(HttpStatus.GATEWAY_TIMEOUT, NOT_CONNECTED, retryAfter);
        }
        if (Causes.has(cause, SocketTimeoutException.class)) {
            LOG.warn("No answer in time from the service for {} {}: {}", request.method(), path, cause.toString());
            return problem(HttpStatus.GATEWAY_TIMEOUT, TIMED_OUT, retryAfter);
        }
        if (Causes.has(cause, ConnectException.class) || Causes.has(cause, NoRouteToHostException.class)
                || Causes.has(cause, UnknownHostException.class) || Causes.has(cause, UnresolvedAddressException.class)) {
            LOG.warn("Service unreachable for {} {}: {}", request.method(), path, cause.toString());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, retryAfter);
        }
        LOG.warn("Service broke off its answer for {} {}: {}", request.method(), path, cause.toString());
        return problem(HttpStatus.BAD_GATEWAY, BROKEN, null);
    }

    private static ServerResponse problem(HttpStatus status, String sentence, Duration retryAfter) {
        ServerResponse.BodyBuilder response = ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        return response.body(Problems.problem(status, sentence, null));
    }

    private static boolean causedBy(Throwable e, String typeName) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (type.getName().equals(typeName)) {
                    return true;
                }
            }
        }
        return false;
    }
}
