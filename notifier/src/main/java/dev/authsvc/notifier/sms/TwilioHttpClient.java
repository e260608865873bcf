package dev.authsvc.notifier.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import dev.authsvc.notifier.delivery.RetryableDeliveryException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's HTTP client with three changes. Each request goes to {@code apiBaseUrl} (scheme, host, port
 * and an optional path prefix replaced; method, path, auth, query and form parameters, headers and body kept), so
 * a Twilio-compatible provider or a test double can stand in; the SDK itself has no base-URL setting. Requests
 * time out after {@code timeout}. And a request is made once: the SDK's own quick retries of 5xx answers are
 * replaced by the notifier's backoff, which a 5xx or 429 answer reaches as a {@link RetryableDeliveryException}
 * whatever its body.
 */
final class TwilioHttpClient extends NetworkHttpClient {

    private final URI apiBaseUrl;

    /** @param apiBaseUrl where requests go instead of Twilio; {@code null} leaves them addressed to Twilio */
    TwilioHttpClient(URI apiBaseUrl, Duration timeout) {
        super(builder(timeout));
        this.apiBaseUrl = apiBaseUrl;
    }

    private static HttpClientBuilder builder(Duration timeout) {
        Timeout limit = Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS);
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager();
        connections.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(limit).setSoKeepAlive(true).build());
        connections.setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(limit)
                .setSocketTimeout(limit)
                .build());
        connections.setDefaultMaxPerRoute(20);
        connections.setMaxTotal(100);
        // HttpClient would retry 503 and 429 itself, and the SDK 5xx: the notifier's backoff does that instead.
        return HttpClientBuilder.create().useSystemProperties().setConnectionManager(connections)
                .disableAutomaticRetries();
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        Response response = super.makeRequest(apiBaseUrl == null ? request : redirect(request));
        int status = response.getStatusCode();
        if (status >= 500 || status == 429) {
            throw new RetryableDeliveryException("Twilio answered HTTP " + status);
        }
        return response;
    }

    /** A copy of {@code request} addressed to {@code apiBaseUrl}. */
    Request redirect(Request request) {
        URI original = URI.create(request.getUrl());
        String prefix = apiBaseUrl.getRawPath() == null ? "" : apiBaseUrl.getRawPath().replaceAll("/+$", "");
        String url = apiBaseUrl.getScheme() + "://" + apiBaseUrl.getRawAuthority() + prefix + original.getRawPath()
                + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery());
        Request copy = new Request(request.getMethod(), url);
        if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        }
        copy.setContentType(request.getContentType());
        copy.setBody(request.getBody());
        if (request.getFormParameters() != null) {
            copy.setFormParameters(request.getFormParameters());
        }
        copy.setUserAgentExtensions(request.getUserAgentExtensions());
        each(request.getQueryParams(), copy::addQueryParam);
        each(request.getPostParams(), copy::addPostParam);
        each(request.getHeaderParams(), copy::addHeaderParam);
        // Region and edge are left out on purpose: they would rewrite the host again.
        return copy;
    }

    private static void each(Map<String, List<String>> params, BiConsumer<String, String> add) {
        if (params != null) {
            params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
        }
    }
}
