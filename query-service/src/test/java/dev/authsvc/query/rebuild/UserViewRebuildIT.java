package dev.authsvc.query.rebuild;

import static dev.authsvc.query.support.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.query.QueryServiceApplication;
import dev.authsvc.query.rebuild.RebuildJob.Difference;
import dev.authsvc.query.rebuild.RebuildJob.State;
import dev.authsvc.query.support.CommandServiceStub;
import dev.authsvc.query.support.QueryServiceTestSupport;
import dev.authsvc.query.support.TestEventProducer;
import dev.authsvc.query.support.TestEvents;
import dev.authsvc.query.user.UserView;
import dev.authsvc.query.user.UserViewRepository;
import dev.authsvc.query.user.UserViewTable;
import dev.authsvc.query.web.ProblemException;
import dev.authsvc.testsupport.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * The rebuild of user_view from the topic, end to end: each test runs query-service on a topic and a database of
 * its own (on the shared embedded broker), builds state through events, rebuilds, and checks the job's report and
 * the rows.
 */
@ExtendWith(OutputCaptureExtension.class)
class UserViewRebuildIT extends QueryServiceTestSupport {

    private static final int USERS = 25;
    private static final int PROFILE_UPDATES = 4;

    @Autowired
    EmbeddedKafkaBroker broker;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void rebuildOfAnUntouchedView_appliesEveryEvent_findsNoDifference_andLeavesTheSameRows(CapturedOutput output) {
        Service service = start(Map.of("auth.read-models.rebuild.log-every", "50",
                "auth.read-models.rebuild.batch-size", "10"));
        List<String> userIds = history(service);
        // A record no reader can read and a type this service does not use are history too: read, counted, skipped.
        service.producer.sendRaw(userIds.get(0), "{not json");
        service.producer.send(TestEvents.loggedIn(userIds.get(0), PROFILE_UPDATES + 1, UUID.randomUUID().toString()));
        long records = USERS * (1L + PROFILE_UPDATES) + 2;
        awaitLive(service, userIds, PROFILE_UPDATES);
        await().atMost(Duration.ofSeconds(20)).until(() -> service.live().find(userIds.get(0))
                .map(UserView::lastSequence).orElse(0L) == PROFILE_UPDATES + 1);
        List<UserView> before = service.live().findAll();

        RebuildJob job = service.rebuildAndAwait();

        assertThat(job.state()).as(job.error()).isEqualTo(State.SUCCEEDED);
        assertThat(job.total()).isEqualTo(records);
        assertThat(job.applied()).isEqualTo(records);
        assertThat(job.differing()).isZero();
        assertThat(job.onlyLive()).isZero();
        assertThat(job.onlyRebuilt()).isZero();
        assertThat(job.notCompared()).isZero();
        assertThat(job.differences()).isEmpty();
        assertThat(job.finishedAt()).isNotNull();
        assertThat(service.live().findAll()).isEqualTo(before).hasSize(USERS);
        assertThat(service.rebuilt().findAll()).as("the rebuild table is left empty").isEmpty();
        assertThat(service.meters().get("authsvc.read_model_rebuild.events").tag("job", job.jobId()).counter().count())
                .isEqualTo(records);
        // One line each time another 50 (log-every) events were applied: past 50 and past 100, of 127.
        assertThat(output.getOut().lines().filter(line -> line.matches(
                ".*Rebuild " + job.jobId() + " of user_view: \\d+ of " + records + " events applied.*")))
                .hasSize(2);
    }

    @Test
    void aTamperedLiveRow_isReportedWithItsColumns_andTheSwitchedTableHasTheValueOfTheHistory() {
        Service service = start(Map.of());
        List<String> userIds = history(service);
        awaitLive(service, userIds, PROFILE_UPDATES);
        String tampered = userIds.get(3);
        UserView right = service.live().find(tampered).orElseThrow();
        service.jdbc().sql("UPDATE user_view SET first_name = 'Mallory', phone_verified = TRUE WHERE user_id = ?")
                .param(tampered).update();

        RebuildJob job = service.rebuildAndAwait();

        assertThat(job.state()).as(job.error()).isEqualTo(State.SUCCEEDED);
        assertThat(job.differing()).isEqualTo(1);
        assertThat(job.differences()).containsExactly(new Difference(tampered, List.of("first_name", "phone_verified")));
        assertThat(service.live().find(tampered)).contains(right);
        assertThat(service.live().findAll()).hasSize(USERS);
    }

    @Test
    void eventsArrivingDuringTheRebuild_areNeitherLostNorSkipped() {
        // One record per transaction, so that the rebuild lasts while new events are applied live.
        Service service = start(Map.of("auth.read-models.rebuild.batch-size", "1"));
        List<String> userIds = history(service);
        awaitLive(service, userIds, PROFILE_UPDATES);
        Instant lockedUntil = T0.plus(1, ChronoUnit.DAYS);

        String jobId = service.rebuilds().start().jobId();
        // After the rebuild took its end offsets: these events are not in the history it reads.
        await().atMost(Duration.ofSeconds(20)).until(() -> service.rebuilds().find(jobId).orElseThrow().total() != null);
        for (int i = 0; i < userIds.size(); i++) {
            String userId = userIds.get(i);
            service.producer.send(
                    TestEvents.emailVerified(userId, PROFILE_UPDATES + 1, email(i)),
                    TestEvents.locked(userId, PROFILE_UPDATES + 2, lockedUntil),
                    TestEvents.otpVerified(userId, PROFILE_UPDATES + 3));
        }
        RebuildJob job = service.awaitFinished(jobId);

        assertThat(job.state()).as(job.error()).isEqualTo(State.SUCCEEDED);
        assertThat(job.total()).isEqualTo(USERS * (1L + PROFILE_UPDATES));
        awaitLive(service, userIds, PROFILE_UPDATES + 3);
        for (int i = 0; i < userIds.size(); i++) {
            long last = PROFILE_UPDATES + 3;
            assertThat(service.live().find(userIds.get(i))).contains(new UserView(userIds.get(i), email(i), phone(i),
                    "First" + PROFILE_UPDATES, "Last" + PROFILE_UPDATES, "employee", true, true, lockedUntil, null, T0,
                    T0.plus(last, ChronoUnit.MINUTES), last));
        }
    }

    @Test
    void anotherRunningJob_refusesASecondWith409_andAnAbandonedOneIsFailedAndFreesTheSlot() {
        Service service = start(Map.of("auth.read-models.rebuild.stale-after", "20s",
                "auth.read-models.rebuild.broker-timeout", "5s"));
        RebuildJobRepository jobs = service.context.getBean(RebuildJobRepository.class);
        String other = UUID.randomUUID().toString();
        jobs.startRunning(other, "user_view", Instant.now());

        assertThatThrownBy(() -> service.rebuilds().start())
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.getMessage()).contains(other);
                });

        // Its instance stopped: no heartbeat for longer than stale-after.
        service.jdbc().sql("UPDATE read_model_rebuild SET heartbeat_at = ? WHERE job_id = ?")
                .params(Instant.now().minusSeconds(60).atOffset(ZoneOffset.UTC), other).update();
        RebuildJob abandoned = service.rebuilds().find(other).orElseThrow();
        assertThat(abandoned.state()).isEqualTo(State.FAILED);
        assertThat(abandoned.error()).contains("abandoned");
        assertThat(service.rebuildAndAwait().state()).isEqualTo(State.SUCCEEDED);
    }

    @Test
    void anUnreachableBroker_failsTheJobWithAClearError_thePostStill202_andTheLiveTableAsItWas() throws IOException {
        Map<String, String> unreachable = new HashMap<>();
        unreachable.put("spring.kafka.bootstrap-servers", "127.0.0.1:" + freePort());
        unreachable.put("auth.read-models.rebuild.broker-timeout", "2s");
        Service service = start(unreachable);
        UserView row = new UserView(TestEvents.uniqueUserId(), "kept@example.com", null, "Kept", "Row", "employee",
                false, false, null, null, T0, T0, 3);
        service.live().insert(row);
        // An admin the service has no row for yet (it cannot read the topic): the token's role decides.
        String admin = login(TestEvents.uniqueUserId(), TestEvents.uniqueEmail(), TestEvents.uniquePhone(), "admin",
                service.request("/login")).accessToken();

        Response started = send(service.request("/admin/read-models/rebuild").header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        String jobId = started.text("job_id");
        Response failed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> send(service.request("/admin/read-models/rebuild/" + jobId)
                        .header("Authorization", "Bearer " + admin).GET()),
                        job -> !"running".equals(job.text("state")));

        assertThat(failed.text("state")).as(failed.raw().body()).isEqualTo("failed");
        assertThat(failed.text("error")).contains("the live table is untouched").contains("did not answer in time");
        assertThat(failed.text("finished_at")).isNotBlank();
        assertThat(service.live().findAll()).containsExactly(row);
    }

    @Test
    void theRebuildTable_hasTheColumnsOfUserView_soAMigrationOfOneMustChangeTheOther() {
        assertThat(users.on(UserViewTable.REBUILD).columnNames())
                .containsExactlyInAnyOrderElementsOf(users.on(UserViewTable.LIVE).columnNames());
    }

    private static String email(int i) {
        return "user" + i + "@example.com";
    }

    private static String phone(int i) {
        return "+1555001" + (1000 + i);
    }

    /** Registers {@link #USERS} users and updates each one's profile {@link #PROFILE_UPDATES} times. */
    private static List<String> history(Service service) {
        List<String> userIds = new ArrayList<>();
        List<UserEventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String userId = TestEvents.uniqueUserId();
            userIds.add(userId);
            events.add(TestEvents.registered(userId, email(i), phone(i)));
        }
        for (int sequence = 1; sequence <= PROFILE_UPDATES; sequence++) {
            for (String userId : userIds) {
                events.add(TestEvents.profileUpdated(userId, sequence, "First" + sequence, "Last" + sequence));
            }
        }
        service.producer.send(events.toArray(UserEventEnvelope[]::new));
        return userIds;
    }

    private static void awaitLive(Service service, List<String> userIds, long sequence) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> userIds.stream()
                .allMatch(id -> service.live().lastSequence(id).orElse(-1L) >= sequence));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** query-service on a topic and a database of its own. */
    private Service start(Map<String, String> overrides) {
        String topic = "rebuild-" + UUID.randomUUID();
        broker.addTopics(new NewTopic(topic, 2, (short) 1));
        Map<String, Object> properties = new HashMap<>(TestDatabase.freshDatabase());
        properties.put("server.port", "0");
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        properties.put("spring.kafka.consumer.group-id", "rebuild-" + UUID.randomUUID());
        properties.put("auth.events.topic", topic);
        properties.put("spring.main.banner-mode", "off");
        properties.put("auth.command-service.url", CommandServiceStub.url());
        properties.put("auth.internal.credential", CommandServiceStub.CREDENTIAL);
        properties.putAll(overrides);
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(QueryServiceApplication.class)
                .run(arguments);
        opened.add(context);
        TestEventProducer producer = new TestEventProducer(bootstrapServers, topic);
        opened.add(producer);
        return new Service(context, producer);
    }

    private record Service(ConfigurableApplicationContext context, TestEventProducer producer) {

        UserViewRepository live() {
            return context.getBean(UserViewRepository.class).on(UserViewTable.LIVE);
        }

        UserViewRepository rebuilt() {
            return context.getBean(UserViewRepository.class).on(UserViewTable.REBUILD);
        }

        JdbcClient jdbc() {
            return context.getBean(JdbcClient.class);
        }

        MeterRegistry meters() {
            return context.getBean(MeterRegistry.class);
        }

        /** A request to this service (not the shared one the base class calls). */
        HttpRequest.Builder request(String path) {
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json");
        }

        ReadModelRebuilds rebuilds() {
            return context.getBean(ReadModelRebuilds.class);
        }

        RebuildJob rebuildAndAwait() {
            return awaitFinished(rebuilds().start().jobId());
        }

        RebuildJob awaitFinished(String jobId) {
            return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> rebuilds().find(jobId).orElseThrow(), job -> job.state() != State.RUNNING);
        }
    }
}
