package dev.authsvc.notifier.support;

import dev.authsvc.notifier.NotifierApplication;
import dev.authsvc.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A notifier started as {@code java -jar} starts it, outside the test context cache: for tests that stop and restart
 * it, or that need settings of their own. It consumes {@code topic} in consumer group {@code group}, so it never
 * takes the shared context's events; otherwise it has what {@link NotifierIntegrationTest} has (Twilio stand-in,
 * GreenMail, fast retries, a database of its own), and {@code settings} come on top.
 */
public final class Notifiers {

    private Notifiers() {
    }

    public static ConfigurableApplicationContext start(String topic, String group, Map<String, String> settings) {
        Map<String, String> properties = new LinkedHashMap<>(TestDatabase.properties(TestDatabase.newName()));
        properties.putAll(TestKeys.properties());
        properties.putAll(TwilioStandIn.properties());
        properties.putAll(MailSink.properties());
        properties.putAll(NotifierIntegrationTest.fastRetries());
        properties.put("spring.kafka.bootstrap-servers", EventTopic.brokers());
        properties.put("spring.kafka.consumer.group-id", group);
        properties.put("notifier.topic", topic);
        properties.put("server.port", "0");
        properties.putAll(settings);
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(NotifierApplication.class).main(NotifierApplication.class)
                .run(args.toArray(String[]::new));
    }
}
