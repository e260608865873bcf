package dev.authsvc.command.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.TestTokens;
import dev.authsvc.command.user.api.EmailVerificationRequested;
import dev.authsvc.command.user.api.OtpRequested;
import dev.authsvc.command.user.api.PasswordChanged;
import dev.authsvc.command.user.api.PasswordResetCompleted;
import dev.authsvc.command.user.api.PasswordResetRequested;
import dev.authsvc.command.user.api.SealedSecret;
import dev.authsvc.command.user.api.UserRegistered;
import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.OtpRequestedData;
import dev.authsvc.events.data.SealedValue;
import dev.authsvc.testsupport.HttpApiTestSupport.Response;
import dev.authsvc.testsupport.TestBrokers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistrar;
import tools.jackson.databind.JsonNode;

/** The publisher against a real broker (spring-kafka-test's embedded KRaft broker), driven over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "auth.test.kafka=true",
    "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN", "logging.level.state.change.logger=WARN"
})
@DirtiesContext
class KafkaPublisherIT extends ApiTestSupport {

    private static final String PASSWORD = "correct horse battery";
    private static final Duration ARRIVAL = Duration.ofSeconds(30);

    @TestConfiguration(proxyBeanMethods = false)
    static class Broker {

        @Bean
        EmbeddedKafkaKraftBroker embeddedKafka() {
            return TestBrokers.onAnyPort();
        }

        @Bean
        DynamicPropertyRegistrar kafkaBootstrapServers(EmbeddedKafkaKraftBroker broker) {
            return registry -> registry.add("spring.kafka.bootstrap-servers", broker::getBrokersAsString);
        }
    }

    @Autowired
    EmbeddedKafkaKraftBroker broker;

    @Autowired
    EventProcessingConfiguration processing;

    private TopicReader topic;

    @BeforeEach
    void openTopic() {
        topic = new TopicReader(broker.getBrokersAsString());
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void registeringAndRequestingAnOtp_publishesTheEventsInOrder_keyedByTheUser() {
        String phone = uniquePhone();
        String email = uniqueEmail();
        String userId = registerUser(email, phone, PASSWORD);
        assertThat(post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(phone)).status()).isEqualTo(200);

        List<ConsumerRecord<String, byte[]>> records = awaitRecords(userId, 3);

        List<DomainEventMessage<?>> stored = events(userId);
        assertThat(records).hasSize(3);
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            DomainEventMessage<?> event = stored.get(i);
            JsonNode envelope = PublishedRecords.envelope(record);
            String type = event.getPayloadType().getSimpleName();

            assertThat(record.key()).isEqualTo(userId);
            assertThat(header(record, "type")).isEqualTo(type);
            assertThat(header(record, "schema_version")).isEqualTo("1");
            assertThat(envelope.get("event_id").asString()).isEqualTo(event.getIdentifier());
            assertThat(envelope.get("type").asString()).isEqualTo(type);
            assertThat(envelope.get("schema_version").asInt()).isEqualTo(1);
            assertThat(envelope.get("user_id").asString()).isEqualTo(userId);
            assertThat(envelope.get("sequence").asLong()).isEqualTo(event.getSequenceNumber()).isEqualTo(i);
            assertThat(Instant.parse(envelope.get("occurred_at").asString())).isEqualTo(event.getTimestamp());
        }
        assertThat(records).extracting(record -> header(record, "type"))
                .containsExactly("UserRegistered", "EmailVerificationRequested", "OtpRequested");
        assertThat(records.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);

        JsonNode registered = PublishedRecords.envelope(records.get(0)).get("data");
        assertThat(registered.propertyNames()).containsExactly(
                "first_name", "last_name", "email", "phone_number", "role");
        assertThat(registered.get("email").asString()).isEqualTo(email);
        assertThat(registered.get("phone_number").asString()).isEqualTo(phone);
        assertThat(registered.get("role").asString()).isEqualTo("employee");

        JsonNode otp = PublishedRecords.envelope(records.get(2)).get("data");
        OtpRequested requested = events(userId, OtpRequested.class).get(0);
        assertThat(otp.get("phone_number").asString()).isEqualTo(phone);
        assertThat(otp.at("/sealed_code/key_id").asString()).isEqualTo(requested.sealedCode().keyId());
        assertThat(otp.at("/sealed_code/ciphertext").asString()).isEqualTo(requested.sealedCode().ciphertext());
        // bound to the record's own user and number, as the notifier opens it
        assertThat(otp.at("/sealed_code/version").asInt()).isEqualTo(SealedValue.BOUND);
        SealedSecret published = new SealedSecret(otp.at("/sealed_code/key_id").asString(),
                otp.at("/sealed_code/ciphertext").asString(), otp.at("/sealed_code/version").asInt());
        String recordUser = PublishedRecords.envelope(records.get(2)).get("user_id").asString();
        assertThat(sealer.open(published, OtpRequestedData.sealContext(recordUser, otp.get("phone_number").asString())))
                .isEqualTo(latestOtp(userId));
        assertThat(Instant.parse(otp.get("expires_at").asString())).isEqualTo(requested.expiresAt());
    }

    @Test
    void prometheusShowsTheRequestsAndTheConnectionPool() {
        registerUser(uniqueEmail(), uniquePhone(), PASSWORD);

        Response scrape = get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.raw().body())
                .contains("http_server_requests_seconds_count{", "uri=\"/register\"")
                .contains("hikaricp_connections_pending");
    }

    @Test
    void noPasswordCodeTokenOrHashOfOneReachesTheTopic() {
        String phone = uniquePhone();
        String email = uniqueEmail();
        String newPassword = "a brand new secret";
        String resetPassword = "a fresh start here";
        String userId = registerUser(email, phone, PASSWORD);
        String sessionId = loginWithOtp(userId, phone).get("session_id").asString();
        Response changed = put("/update-account", """
                {"password": "%s", "current_password": "%s"}""".formatted(newPassword, PASSWORD),
                TestTokens.accessToken(userId, sessionId));
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        assertThat(post("/reset-password", "{\"email\": \"%s\"}".formatted(email)).status()).isEqualTo(200);
        Response reset = post("/reset-password/confirm", """
                {"token": "%s", "new_password": "%s"}""".formatted(latestResetToken(userId), resetPassword));
        assertThat(reset.status()).as(reset.raw().body()).isEqualTo(200);

        List<String> secrets = new ArrayList<>(List.of(PASSWORD, newPassword, resetPassword,
                latestOtp(userId), latestEmailToken(userId), latestResetToken(userId),
                "$2a$", "$2b$", "$2y$", "{bcrypt}"));
        events(userId, UserRegistered.class).forEach(event -> secrets.add(event.passwordHash()));
        events(userId, PasswordChanged.class).forEach(event -> secrets.add(event.passwordHash()));
        events(userId, PasswordResetCompleted.class).forEach(event -> secrets.add(event.passwordHash()));
        events(userId, OtpRequested.class).forEach(event -> secrets.add(event.codeHash()));
        events(userId, EmailVerificationRequested.class).forEach(event -> secrets.add(event.tokenHash()));
        events(userId, PasswordResetRequested.class).forEach(event -> secrets.add(event.tokenHash()));
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(16).doesNotContainNull();

        List<DomainEventMessage<?>> stored = events(userId);
        int expected = PublishedRecords.publishedEventIds(stored).size();
        List<ConsumerRecord<String, byte[]>> ofUser = awaitRecords(userId, expected);
        PublishedRecords.assertComplete(userId, stored, ofUser);
        assertThat(ofUser).extracting(record -> header(record, "type")).contains(
                "UserLoggedIn", "PasswordChanged", "PasswordResetRequested", "PasswordResetCompleted",
                "SessionsRevoked");

        for (ConsumerRecord<String, byte[]> record : topic.poll()) {
            String bytes = text(record);
            for (String secret : secrets) {
                assertThat(bytes).as("record %d of partition %d", record.offset(), record.partition())
                        .doesNotContain(secret);
            }
        }
    }

    @Test
    void thePublisherIsATrackingProcessorWithAJdbcTokenThatPropagatesHandlerErrors() {
        assertThat(processing.eventProcessor(KafkaEventPublisher.PROCESSING_GROUP))
                .containsInstanceOf(TrackingEventProcessor.class);
        assertThat(processing.listenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP))
                .isInstanceOf(PropagatingErrorHandler.class);
        assertThat(processing.errorHandler(KafkaEventPublisher.PROCESSING_GROUP))
                .isInstanceOf(PropagatingErrorHandler.class);
        assertThat(processing.tokenStore(KafkaEventPublisher.PROCESSING_GROUP)).isInstanceOf(JdbcTokenStore.class);
    }

    @Test
    void theTopicIsCreatedWithTheConfiguredPartitionsAndUnlimitedRetention() throws Exception {
        registerUser(uniqueEmail(), uniquePhone(), PASSWORD);
        await().atMost(ARRIVAL).until(() -> !topic.poll().isEmpty());

        broker.doWithAdmin(admin -> {
            try {
                TopicDescription description = admin.describeTopics(List.of(UserEventEnvelope.TOPIC))
                        .allTopicNames().get().get(UserEventEnvelope.TOPIC);
                assertThat(description.partitions()).hasSize(6);
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, UserEventEnvelope.TOPIC);
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private List<ConsumerRecord<String, byte[]>> awaitRecords(String userId, int count) {
        return await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(100))
                .until(() -> topic.recordsOf(userId), records -> records.size() >= count);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Key, value and headers of a record as one text, to search for secrets. */
    private static String text(ConsumerRecord<String, byte[]> record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.key())).append('\n')
                .append(new String(record.value(), StandardCharsets.UTF_8));
        for (Header header : record.headers()) {
            text.append('\n').append(header.key()).append('=')
                    .append(new String(header.value(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
