package dev.authsvc.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.notifier.NotifierApplication;
import dev.authsvc.testsupport.TestDatabase;
import dev.authsvc.notifier.support.TestKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Started as in production, without a way to send: the notifier refuses, naming what to set. */
class NoProviderIT {

    @Test
    void withoutProvidersAndWithoutTheDevOutbox_theNotifierRefusesToStart_namingTheVariables() {
        Map<String, String> properties = new LinkedHashMap<>(TestDatabase.properties(TestDatabase.newName()));
        properties.putAll(TestKeys.properties());
        properties.put("notifier.dev-outbox.enabled", "false");
        properties.put("notifier.twilio.account-sid", "");
        properties.put("notifier.twilio.auth-token", "");
        properties.put("notifier.twilio.phone-number", "");
        properties.put("notifier.twilio.messaging-service-sid", "");
        properties.put("notifier.smtp.host", "");
        properties.put("notifier.smtp.username", "");
        properties.put("notifier.smtp.password", "");
        properties.put("spring.kafka.bootstrap-servers", "127.0.0.1:1");
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));

        assertThatThrownBy(() -> new SpringApplicationBuilder(NotifierApplication.class)
                .main(NotifierApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new)))
                .satisfies(failure -> {
                    Throwable root = failure;
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    assertThat(root).isInstanceOf(IllegalArgumentException.class);
                    assertThat(root.getMessage())
                            .contains("no way to send SMS")
                            .contains("TWILIO_SID", "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER",
                                    "TWILIO_MESSAGING_SERVICE_SID")
                            .contains("no way to send mail")
                            .contains("SMTP_SERVER", "SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD")
                            .contains("AUTH_DEV_OUTBOX=true");
                });
    }
}
