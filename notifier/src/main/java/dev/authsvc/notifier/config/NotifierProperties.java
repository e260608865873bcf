package dev.authsvc.notifier.config;

import dev.authsvc.events.UserEventEnvelope;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the notifier sends and through which provider. Each channel needs a provider (Twilio for SMS, an SMTP
 * server for mail) or, for local development only, the in-memory dev outbox; otherwise the notifier refuses to
 * start and names the provider variables to set (the dev outbox only when {@code PUBLIC_BASE_URL} is on this
 * machine, and then as never for production). Messages never contain a configured secret.
 *
 * @param productName   the name mails and SMS speak in ({@code AUTH_PRODUCT_NAME})
 * @param publicBaseUrl where the mailed links point ({@code PUBLIC_BASE_URL}), e.g. the gateway
 * @param topic         the integration-event topic; its dead letters go to {@code <topic>.DLT}
 * @param devOutbox     keeps messages of a channel without a provider in memory, at {@code GET /dev/outbox}
 * @param retry         backoff for transient provider failures before an event is dead-lettered
 */
@ConfigurationProperties("notifier")
public record NotifierProperties(
        String productName, URI publicBaseUrl, String topic, DevOutbox devOutbox, Retry retry, Twilio twilio,
        Smtp smtp) {

    public NotifierProperties {
        productName = isBlank(productName) ? "authsvc" : productName.strip();
        topic = isBlank(topic) ? UserEventEnvelope.TOPIC : topic.strip();
        devOutbox = devOutbox == null ? new DevOutbox(false, 100) : devOutbox;
        retry = retry == null ? new Retry(null, 0, null, -1) : retry;
        twilio = twilio == null ? new Twilio(null, null, null, null, null, null) : twilio;
        smtp = smtp == null ? new Smtp(null, 0, null, false, null, null, null, null) : smtp;

        List<String> problems = new ArrayList<>();
        if (publicBaseUrl == null || !isHttp(publicBaseUrl)) {
            problems.add("notifier.public-base-url (env PUBLIC_BASE_URL) must be an absolute http(s) URL such as "
                    + "https://auth.example.com, the origin the mailed links open");
        }
        problems.addAll(twilio.problems());
        problems.addAll(smtp.problems());
        boolean noSms = !twilio.configured() && twilio.problems().isEmpty() && !devOutbox.enabled();
        boolean noMail = !smtp.configured() && smtp.problems().isEmpty() && !devOutbox.enabled();
        if (noSms) {
            problems.add("the notifier has no way to send SMS: set TWILIO_SID, TWILIO_AUTH_TOKEN and "
                    + "TWILIO_PHONE_NUMBER (or TWILIO_MESSAGING_SERVICE_SID)");
        }
        if (noMail) {
            problems.add("the notifier has no way to send mail: set SMTP_SERVER (with SMTP_PORT, SMTP_USERNAME and "
                    + "SMTP_PASSWORD as the server needs)");
        }
        // The dev outbox is no way to run a deployment that serves others: it is mentioned only where the links
        // point at this machine, and then as what it is.
        if ((noSms || noMail) && publicBaseUrl != null && onThisMachine(publicBaseUrl)) {
            problems.add("only for development on this machine, never in production, AUTH_DEV_OUTBOX=true keeps the "
                    + "messages of a channel without a provider in memory instead, where GET /dev/outbox shows live "
                    + "codes and reset links to whoever can reach the notifier");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid notifier configuration: " + String.join("; ", problems));
        }
        publicBaseUrl = URI.create(publicBaseUrl.toString().replaceAll("/+$", ""));
    }

    /** Whether the mailed links point at this machine: a developer's set-up, not one serving others. */
    private static boolean onThisMachine(URI publicBaseUrl) {
        String host = publicBaseUrl.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    public String deadLetterTopic() {
        return topic + ".DLT";
    }

    /** @param capacity how many messages the outbox keeps, newest first */
    public record DevOutbox(boolean enabled, int capacity) {

        public DevOutbox {
            capacity = capacity <= 0 ? 100 : capacity;
        }
    }

    /**
     * Exponential backoff for transient failures (provider 5xx, timeouts, refused connections, SMTP 4xx): after
     * {@code maxRetries} retries the event goes to the dead-letter topic, so one bad event never stalls a partition.
     */
    public record Retry(Duration initialInterval, double multiplier, Duration maxInterval, int maxRetries) {

        public Retry {
            initialInterval = initialInterval == null ? Duration.ofSeconds(1) : initialInterval;
            multiplier = multiplier < 1 ? 2.0 : multiplier;
            maxInterval = maxInterval == null ? Duration.ofSeconds(30) : maxInterval;
            maxRetries = maxRetries < 0 ? 5 : maxRetries;
        }
    }

    /**
     * Twilio's Messages API. {@code apiBaseUrl} replaces scheme, host and port of every SDK request (a
     * Twilio-compatible provider, a test double); the default is Twilio's own.
     */
    public record Twilio(String accountSid, String authToken, String phoneNumber, String messagingServiceSid,
            URI apiBaseUrl, Duration timeout) {

        public Twilio {
            accountSid = blankToNull(accountSid);
            authToken = blankToNull(authToken);
            phoneNumber = blankToNull(phoneNumber);
            messagingServiceSid = blankToNull(messagingServiceSid);
            apiBaseUrl = apiBaseUrl == null || apiBaseUrl.toString().isBlank() ? URI.create("https://api.twilio.com")
                    : apiBaseUrl;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        public boolean configured() {
            return accountSid != null && authToken != null && (phoneNumber != null || messagingServiceSid != null);
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            boolean anySet = accountSid != null || authToken != null || phoneNumber != null
                    || messagingServiceSid != null;
            if (anySet) {
                if (accountSid == null) {
                    problems.add("Twilio is partly configured: TWILIO_SID (notifier.twilio.account-sid) is not set");
                }
                if (authToken == null) {
                    problems.add("Twilio is partly configured: TWILIO_AUTH_TOKEN (notifier.twilio.auth-token) is not set");
                }
                if (phoneNumber == null && messagingServiceSid == null) {
                    problems.add("Twilio is partly configured: set TWILIO_PHONE_NUMBER or TWILIO_MESSAGING_SERVICE_SID "
                            + "to send from");
                }
            }
            if (!isHttp(apiBaseUrl)) {
                problems.add("TWILIO_API_BASE_URL (notifier.twilio.api-base-url) must be an absolute http(s) URL");
            }
            return problems;
        }

        /** Keeps the auth token out of logs and actuator dumps. */
        @Override
        public String toString() {
            return "Twilio[accountSid=" + accountSid + ", authToken=" + (authToken == null ? null : "****")
                    + ", messagingServiceSid=" + messagingServiceSid + ", apiBaseUrl=" + apiBaseUrl + "]";
        }
    }

    /**
     * An SMTP server and how its connection is secured. Unset, {@code security} follows the port (465 speaks
     * implicit TLS, see {@link Security}) and the port follows {@code security} (465 for {@code ssl}, else 587). The
     * server's certificate is verified, chain and host name, unless {@code trustAll}: for local test servers only.
     */
    public record Smtp(String host, Integer port, String security, boolean trustAll, String username,
            String password, String from, Duration timeout) {

        public Smtp {
            host = blankToNull(host);
            boolean portSet = port != null && port > 0;
            if (isBlank(security)) {
                security = (portSet && port == Security.SSL.port ? Security.SSL : Security.STARTTLS).setting;
            } else {
                security = security.strip().toLowerCase(Locale.ROOT);
            }
            if (!portSet) {
                port = Security.named(security).orElse(Security.STARTTLS).port;
            }
            username = blankToNull(username);
            password = blankToNull(password);
            from = isBlank(from) ? "no-reply@authsvc.local" : from.strip();
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        /** How the connection to the SMTP server is secured ({@code SMTP_SECURITY}). */
        public enum Security {
            /** STARTTLS when the server offers it, else plain text (what a local sink without TLS needs). */
            STARTTLS("starttls", 587),
            /** STARTTLS or nothing: a server that does not offer it gets no mail and no password. */
            STARTTLS_REQUIRED("starttls-required", 587),
            /** Implicit TLS from the first byte, also called SMTPS or "SSL/TLS": what port 465 speaks. */
            SSL("ssl", 465);

            private final String setting;
            private final int port;

            Security(String setting, int port) {
                this.setting = setting;
                this.port = port;
            }

            public static Optional<Security> named(String setting) {
                return Arrays.stream(values()).filter(security -> security.setting.equals(setting)).findFirst();
            }

            public String setting() {
                return setting;
            }
        }

        public boolean configured() {
            return host != null;
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (host == null && (username != null || password != null)) {
                problems.add("SMTP_USERNAME or SMTP_PASSWORD is set but SMTP_SERVER (notifier.smtp.host) is not");
            }
            if (host != null && (username == null) != (password == null)) {
                problems.add("set both SMTP_USERNAME and SMTP_PASSWORD, or neither");
            }
            if (Security.named(security).isEmpty()) {
                String choices = Arrays.stream(Security.values()).map(Security::setting)
                        .collect(Collectors.joining(", "));
                problems.add("SMTP_SECURITY (notifier.smtp.security) must be one of " + choices + ", not '" + security
                        + "'");
            }
            if (!from.contains("@")) {
                problems.add("SMTP_FROM (notifier.smtp.from) must be an email address");
            }
            return problems;
        }

        /** Keeps the password out of logs and actuator dumps. */
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", security=" + security + ", trustAll=" + trustAll
                    + ", username=" + username + ", password=" + (password == null ? null : "****") + ", from=" + from
                    + "]";
        }
    }

    private static boolean isHttp(URI uri) {
        return uri.isAbsolute() && uri.getHost() != null
                && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value.strip();
    }
}
