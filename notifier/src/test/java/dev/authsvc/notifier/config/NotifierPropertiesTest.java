package dev.authsvc.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

class NotifierPropertiesTest {

    private static final NotifierProperties.Twilio NO_TWILIO = new NotifierProperties.Twilio(null, null, null, null, null, null);
    private static final NotifierProperties.Smtp NO_SMTP =
            new NotifierProperties.Smtp(null, 0, null, false, null, null, null, null);
    private static final NotifierProperties.DevOutbox OUTBOX_ON = new NotifierProperties.DevOutbox(true, 100);

    @Test
    void withoutProvidersOrOutbox_startingIsRefused_namingEveryVariable() {
        assertThatThrownBy(() -> properties(null, NO_TWILIO, NO_SMTP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TWILIO_SID").hasMessageContaining("TWILIO_AUTH_TOKEN")
                .hasMessageContaining("TWILIO_PHONE_NUMBER").hasMessageContaining("TWILIO_MESSAGING_SERVICE_SID")
                .hasMessageContaining("SMTP_SERVER").hasMessageContaining("SMTP_PORT")
                .hasMessageContaining("SMTP_USERNAME").hasMessageContaining("SMTP_PASSWORD")
                .hasMessageContaining("AUTH_DEV_OUTBOX=true");
    }

    @Test
    void deployedForOthers_withoutProviders_theRefusalNamesTheProviders_andNeverSuggestsTheDevOutbox() {
        assertThatThrownBy(() -> new NotifierProperties("Acme", URI.create("https://auth.example.com"), null, null,
                null, NO_TWILIO, NO_SMTP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TWILIO_SID").hasMessageContaining("SMTP_SERVER")
                .hasMessageNotContaining("AUTH_DEV_OUTBOX")
                .hasMessageNotContaining("outbox");
    }

    @Test
    void onADevelopersMachine_theDevOutboxIsMentioned_asNeverForProduction() {
        assertThatThrownBy(() -> properties(null, NO_TWILIO, NO_SMTP))
                .hasMessageContaining("only for development on this machine, never in production, "
                        + "AUTH_DEV_OUTBOX=true")
                .hasMessageContaining("live codes");
    }

    @Test
    void theDevOutboxStandsInForEveryChannelWithoutAProvider() {
        NotifierProperties properties = properties(OUTBOX_ON, NO_TWILIO, NO_SMTP);

        assertThat(properties.twilio().configured()).isFalse();
        assertThat(properties.smtp().configured()).isFalse();
    }

    @Test
    void oneChannelWithoutProviderOrOutbox_isEnoughToRefuse() {
        assertThatThrownBy(() -> properties(null, twilio(), NO_SMTP))
                .hasMessageContaining("no way to send mail")
                .hasMessageNotContaining("no way to send SMS");
    }

    @Test
    void aPartlyConfiguredTwilio_isNamed_andNotHiddenByTheOutbox() {
        assertThatThrownBy(() -> properties(OUTBOX_ON,
                new NotifierProperties.Twilio("AC1", null, "+15005550006", null, null, null), NO_SMTP))
                .hasMessageContaining("TWILIO_AUTH_TOKEN (notifier.twilio.auth-token) is not set");
        assertThatThrownBy(() -> properties(OUTBOX_ON,
                new NotifierProperties.Twilio("AC1", "token", null, null, null, null), NO_SMTP))
                .hasMessageContaining("TWILIO_PHONE_NUMBER or TWILIO_MESSAGING_SERVICE_SID");
    }

    @Test
    void smtpCredentialsWithoutAServer_areRefused() {
        assertThatThrownBy(() -> properties(OUTBOX_ON, NO_TWILIO,
                new NotifierProperties.Smtp(null, 0, null, false, "user", "secret", null, null)))
                .hasMessageContaining("SMTP_SERVER");
    }

    @Test
    void aMessagingServiceAlone_isEnoughToSendFrom() {
        NotifierProperties properties = properties(null,
                new NotifierProperties.Twilio("AC1", "token", null, "MG1", null, null), smtp());

        assertThat(properties.twilio().configured()).isTrue();
    }

    @Test
    void thePublicBaseUrlMustBeHttp_andLosesATrailingSlash() {
        assertThat(new NotifierProperties(null, URI.create("https://auth.example.com/"), null, OUTBOX_ON, null,
                NO_TWILIO, NO_SMTP).publicBaseUrl()).isEqualTo(URI.create("https://auth.example.com"));
        assertThatThrownBy(() -> new NotifierProperties(null, URI.create("auth.example.com"), null, OUTBOX_ON, null,
                NO_TWILIO, NO_SMTP)).hasMessageContaining("PUBLIC_BASE_URL");
    }

    @Test
    void defaults_areTwiliosApi_port587_andTheContractsTopic() {
        NotifierProperties properties = properties(null, twilio(), smtp());

        assertThat(properties.twilio().apiBaseUrl()).isEqualTo(URI.create("https://api.twilio.com"));
        assertThat(properties.smtp().port()).isEqualTo(587);
        assertThat(properties.topic()).isEqualTo("auth.user-events.v1");
        assertThat(properties.deadLetterTopic()).isEqualTo("auth.user-events.v1.DLT");
        assertThat(properties.retry().maxRetries()).isEqualTo(5);
    }

    @Test
    void smtpSecurity_followsThePort_implicitTlsOn465_starttlsElsewhere() {
        assertThat(smtp(465, null).security()).isEqualTo("ssl");
        assertThat(smtp(587, null).security()).isEqualTo("starttls");
        assertThat(smtp(25, " ").security()).isEqualTo("starttls");
        assertThat(smtp(0, null)).extracting(NotifierProperties.Smtp::port, NotifierProperties.Smtp::security)
                .containsExactly(587, "starttls");
    }

    @Test
    void smtpPort_followsTheSecurity_465ForSsl_587Otherwise() {
        assertThat(smtp(0, "ssl").port()).isEqualTo(465);
        assertThat(smtp(0, "STARTTLS-Required")).extracting(NotifierProperties.Smtp::port,
                NotifierProperties.Smtp::security).containsExactly(587, "starttls-required");
        assertThat(smtp(2465, "ssl").port()).isEqualTo(2465);
    }

    @Test
    void anUnknownSmtpSecurity_isRefused_namingTheVariableAndTheChoices() {
        assertThatThrownBy(() -> properties(null, twilio(), smtp(465, "tls")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SMTP_SECURITY (notifier.smtp.security) must be one of starttls, "
                        + "starttls-required, ssl, not 'tls'");
    }

    @Test
    void toString_hidesTheAuthTokenAndThePassword() {
        NotifierProperties properties = properties(null, twilio(), smtp());

        assertThat(properties.toString()).doesNotContain("twilio-token").doesNotContain("smtp-secret").contains("****");
    }

    @Test
    void theSeedsVariableNames_bindThroughApplicationYml() throws IOException {
        Map<String, Object> environment = new HashMap<>();
        environment.put("TWILIO_SID", "ACseed");
        environment.put("TWILIO_AUTH_TOKEN", "seed-token");
        environment.put("TWILIO_PHONE_NUMBER", "+15005550006");
        environment.put("TWILIO_API_BASE_URL", "http://127.0.0.1:8089");
        environment.put("SMTP_SERVER", "smtp.example.com");
        environment.put("SMTP_PORT", "2525");
        environment.put("SMTP_USERNAME", "mailer");
        environment.put("SMTP_PASSWORD", "mail-secret");
        environment.put("AUTH_PRODUCT_NAME", "Acme");
        environment.put("PUBLIC_BASE_URL", "https://auth.example.com");
        environment.put("AUTH_SECRETS_SEALKEYS_K1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        Binder binder = binder(environment);

        NotifierProperties properties = binder.bind("notifier", NotifierProperties.class).get();
        SealKeyProperties keys = binder.bind("auth.secrets", SealKeyProperties.class).get();

        assertThat(properties.twilio().accountSid()).isEqualTo("ACseed");
        assertThat(properties.twilio().authToken()).isEqualTo("seed-token");
        assertThat(properties.twilio().phoneNumber()).isEqualTo("+15005550006");
        assertThat(properties.twilio().apiBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:8089"));
        assertThat(properties.smtp()).extracting(NotifierProperties.Smtp::host, NotifierProperties.Smtp::port,
                NotifierProperties.Smtp::username, NotifierProperties.Smtp::password)
                .containsExactly("smtp.example.com", 2525, "mailer", "mail-secret");
        assertThat(properties.productName()).isEqualTo("Acme");
        assertThat(properties.publicBaseUrl()).isEqualTo(URI.create("https://auth.example.com"));
        assertThat(properties.devOutbox().enabled()).isFalse();
        assertThat(keys.sealKeys()).containsOnlyKeys("k1");
    }

    @Test
    void smtpSecurityAndTrustAll_bindThroughApplicationYml_andPort465AloneMeansSsl() throws IOException {
        Map<String, Object> environment = new HashMap<>(Map.of(
                "SMTP_SERVER", "smtp.example.com",
                "AUTH_DEV_OUTBOX", "true"));

        NotifierProperties.Smtp unset = binder(environment).bind("notifier", NotifierProperties.class).get().smtp();
        environment.put("SMTP_PORT", "465");
        NotifierProperties.Smtp port465 = binder(environment).bind("notifier", NotifierProperties.class).get().smtp();
        environment.remove("SMTP_PORT");
        environment.put("SMTP_SECURITY", "ssl");
        environment.put("SMTP_TRUST_ALL", "true");
        NotifierProperties.Smtp ssl = binder(environment).bind("notifier", NotifierProperties.class).get().smtp();

        assertThat(unset).extracting(NotifierProperties.Smtp::port, NotifierProperties.Smtp::security,
                NotifierProperties.Smtp::trustAll).containsExactly(587, "starttls", false);
        assertThat(port465).extracting(NotifierProperties.Smtp::port, NotifierProperties.Smtp::security)
                .containsExactly(465, "ssl");
        assertThat(ssl).extracting(NotifierProperties.Smtp::port, NotifierProperties.Smtp::security,
                NotifierProperties.Smtp::trustAll).containsExactly(465, "ssl", true);
    }

    @Test
    void anUnknownSmtpSecurityInTheEnvironment_failsTheBinding_namingTheVariable() throws IOException {
        Binder binder = binder(Map.of(
                "SMTP_SERVER", "smtp.example.com",
                "SMTP_SECURITY", "tls",
                "AUTH_DEV_OUTBOX", "true"));

        assertThatThrownBy(() -> binder.bind("notifier", NotifierProperties.class))
                .rootCause().hasMessageContaining("SMTP_SECURITY").hasMessageContaining("not 'tls'");
    }

    @Test
    void withoutEnvironment_theDefaultsOfApplicationYmlAreOutOfTheDevOutboxAndProviders() throws IOException {
        assertThatThrownBy(() -> binder(Map.of()).bind("notifier", NotifierProperties.class))
                .hasRootCauseMessage(rootMessageOf(() -> properties(null, NO_TWILIO, NO_SMTP)));
    }

    private static String rootMessageOf(Runnable failing) {
        try {
            failing.run();
            throw new AssertionError("expected a failure");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Binder binder(Map<String, Object> environment) throws IOException {
        StandardEnvironment spring = new StandardEnvironment();
        spring.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        spring.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        spring.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml",
                new ClassPathResource("application.yml"));
        yaml.forEach(spring.getPropertySources()::addLast);
        ConfigurationPropertySources.attach(spring);
        return Binder.get(spring);
    }

    private static NotifierProperties properties(NotifierProperties.DevOutbox outbox, NotifierProperties.Twilio twilio,
            NotifierProperties.Smtp smtp) {
        return new NotifierProperties("Acme", URI.create("http://127.0.0.1:5000"), null, outbox, null, twilio, smtp);
    }

    private static NotifierProperties.Twilio twilio() {
        return new NotifierProperties.Twilio("AC1", "twilio-token", "+15005550006", null, null, null);
    }

    private static NotifierProperties.Smtp smtp() {
        return smtp(0, null);
    }

    private static NotifierProperties.Smtp smtp(int port, String security) {
        return new NotifierProperties.Smtp("smtp.example.com", port, security, false, "user", "smtp-secret", null,
                null);
    }
}
