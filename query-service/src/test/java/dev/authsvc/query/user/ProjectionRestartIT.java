package dev.authsvc.query.user;

import static dev.authsvc.query.support.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.query.QueryServiceApplication;
import dev.authsvc.query.event.UserEventHandler;
import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.testsupport.TestDatabase;
import dev.authsvc.query.support.TestEventProducer;
import dev.authsvc.query.support.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * query-service stopped in the middle of a stream and started again on the same database: the new instance
 * resumes from the committed offsets (a record applied but not yet acknowledged comes again, and changes
 * nothing) and ends with the same user_view as if it had never stopped. Runs its own two application contexts
 * on its own topic, consumer group and database, on the shared broker.
 */
class ProjectionRestartIT extends QueryServiceTestSupport {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRestartIT.class);
    private static final int USERS = 30;
    private static final int UPDATES_PER_USER = 6;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void restartedMidStream_resumesAndConvergesToTheSameUserView() {
        String topic = "restart-" + UUID.randomUUID();
        broker.addTopics(new NewTopic(topic, 2, (short) 1));
        Map<String, Object> properties = new HashMap<>(TestDatabase.freshDatabase());
        properties.put("server.port", "0");
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        properties.put("spring.kafka.consumer.group-id", "restart-" + UUID.randomUUID());
        properties.put("auth.events.topic", topic);
        properties.put("spring.main.banner-mode", "off");

        List<String> userIds = new ArrayList<>();
        List<UserEventEnvelope> registrations = new ArrayList<>();
        List<UserEventEnvelope> updates = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String userId = TestEvents.uniqueUserId();
            userIds.add(userId);
            registrations.add(TestEvents.registered(userId, "user" + i + "@example.com", "+1555000" + (1000 + i)));
        }
        for (int sequence = 1; sequence <= UPDATES_PER_USER; sequence++) {
            for (String userId : userIds) {
                updates.add(TestEvents.profileUpdated(userId, sequence, "First" + sequence, "Last" + sequence));
            }
        }

        try (TestEventProducer producer = new TestEventProducer(bootstrapServers, topic)) {
            producer.send(registrations.toArray(UserEventEnvelope[]::new));
            // The first instance applies events slowly, so that it is surely stopped with records still to go.
            ConfigurableApplicationContext first = start(properties, event -> pause(Duration.ofMillis(10)));
            UserViewRepository firstView = first.getBean(UserViewRepository.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> firstView.findAll().size() == USERS);

            producer.send(updates.toArray(UserEventEnvelope[]::new));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> applied(firstView) >= USERS);
            long appliedAtStop = applied(firstView);
            first.close();
            log.info("Stopped with about {} of {} updates applied", appliedAtStop, updates.size());
            assertThat(appliedAtStop).as("stopped mid-stream").isLessThan(updates.size());

            // While it was down: more events, and copies of ones it had already seen.
            producer.send(TestEvents.emailVerified(userIds.get(0), UPDATES_PER_USER + 1, "user0@example.com"));
            producer.send(updates.get(0), registrations.get(1));

            ConfigurableApplicationContext second = start(properties, event -> { });
            try {
                UserViewRepository secondView = second.getBean(UserViewRepository.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> secondView.findAll().stream()
                        .allMatch(user -> user.lastSequence() >= expectedSequence(user.userId(), userIds)));

                List<UserView> rows = secondView.findAll();
                assertThat(rows).hasSize(USERS);
                for (UserView row : rows) {
                    int index = userIds.indexOf(row.userId());
                    assertThat(row).isEqualTo(expected(index, row.userId()));
                }
            } finally {
                second.close();
            }
        }
    }

    private static long expectedSequence(String userId, List<String> userIds) {
        return userIds.indexOf(userId) == 0 ? UPDATES_PER_USER + 1 : UPDATES_PER_USER;
    }

    private static UserView expected(int index, String userId) {
        long last = index == 0 ? UPDATES_PER_USER + 1 : UPDATES_PER_USER;
        return new UserView(userId, "user" + index + "@example.com", "+1555000" + (1000 + index),
                "First" + UPDATES_PER_USER, "Last" + UPDATES_PER_USER, "employee", index == 0, false, null, null,
                T0, at(last), last);
    }

    private static Instant at(long sequence) {
        return T0.plus(sequence, ChronoUnit.MINUTES);
    }

    private static long applied(UserViewRepository view) {
        return view.findAll().stream().mapToLong(UserView::lastSequence).sum();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties, UserEventHandler extra) {
        // As arguments: SpringApplicationBuilder.properties(...) would only be defaults, below application.yml.
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(QueryServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("testEventHandler", extra))
                .run(arguments);
    }
}
