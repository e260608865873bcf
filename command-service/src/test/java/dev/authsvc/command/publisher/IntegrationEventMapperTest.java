package dev.authsvc.command.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.authsvc.command.user.api.AccountLocked;
import dev.authsvc.command.user.api.AccountUnlocked;
import dev.authsvc.command.user.api.CodePurpose;
import dev.authsvc.command.user.api.EmailVerificationRequested;
import dev.authsvc.command.user.api.EmailVerified;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.LoginMethod;
import dev.authsvc.command.user.api.OtpRequested;
import dev.authsvc.command.user.api.OtpVerificationFailed;
import dev.authsvc.command.user.api.OtpVerified;
import dev.authsvc.command.user.api.PasswordChanged;
import dev.authsvc.command.user.api.PasswordRehashed;
import dev.authsvc.command.user.api.PasswordResetCompleted;
import dev.authsvc.command.user.api.PasswordResetRequested;
import dev.authsvc.command.user.api.PhoneChangeRequested;
import dev.authsvc.command.user.api.PhoneNumberChanged;
import dev.authsvc.command.user.api.PhoneNumberRemoved;
import dev.authsvc.command.user.api.ProfileUpdated;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.RoleChanged;
import dev.authsvc.command.user.api.SealedSecret;
import dev.authsvc.command.user.api.SessionsRevoked;
import dev.authsvc.command.user.api.UserDisabled;
import dev.authsvc.command.user.api.UserEnabled;
import dev.authsvc.command.user.api.UserLoggedIn;
import dev.authsvc.command.user.api.UserRegistered;
import dev.authsvc.events.UserEventCodec;
import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.UserEventTypes;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class IntegrationEventMapperTest {

    private static final String USER = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final Instant STORED_AT = Instant.parse("2026-11-25T09:15:02.118Z");
    private static final Instant AT = Instant.parse("2026-11-25T09:15:02Z");
    private static final Instant EXPIRES = Instant.parse("2026-11-25T09:20:02Z");
    private static final String BCRYPT_HASH = "{bcrypt}$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";
    private static final String HMAC = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final SealedSecret SEALED = new SealedSecret("k1", "c2VhbGVkLXZhbHVlLWlzLWhlcmU", 2);

    private final IntegrationEventMapper mapper = new IntegrationEventMapper();

    @Test
    void theEnvelopeCarriesTheStoredEventsIdentityUserSequenceAndTime() {
        UserEventEnvelope envelope = map(7, new EmailVerified(USER, "ada@example.com", AT));

        assertThat(envelope.eventId()).isEqualTo("event-7");
        assertThat(envelope.type()).isEqualTo("EmailVerified");
        assertThat(envelope.schemaVersion()).isEqualTo(1);
        assertThat(envelope.userId()).isEqualTo(USER);
        assertThat(envelope.sequence()).isEqualTo(7);
        assertThat(envelope.occurredAt()).isEqualTo(STORED_AT);
    }

    @Test
    void userRegistered_hasTheProfileAndTheRoleInLowerCase_andNoPasswordHash() {
        UserEventEnvelope envelope = map(0, new UserRegistered(USER, "Ada", "Lovelace", "ada@example.com",
                "+442079460958", Role.MANAGER, BCRYPT_HASH, AT));

        assertThat(envelope.type()).isEqualTo("UserRegistered");
        assertThat(data(envelope)).containsExactly(
                entry("first_name", "Ada"), entry("last_name", "Lovelace"), entry("email", "ada@example.com"),
                entry("phone_number", "+442079460958"), entry("role", "manager"));
        assertNoSecretIn(envelope, BCRYPT_HASH);
    }

    @Test
    void emailVerificationRequested_hasTheSealedTokenButNotItsHash() {
        UserEventEnvelope envelope = map(1, new EmailVerificationRequested(USER, "ada@example.com", HMAC, SEALED,
                EXPIRES, AT));

        assertThat(envelope.type()).isEqualTo("EmailVerificationRequested");
        assertThat(data(envelope)).containsOnly(
                entry("email", "ada@example.com"), entry("sealed_token", sealedJson()),
                entry("expires_at", "2026-11-25T09:20:02Z"));
        assertNoSecretIn(envelope, HMAC);
    }

    @Test
    void emailVerified_hasTheEmail() {
        assertThat(data(map(2, new EmailVerified(USER, "ada@example.com", AT))))
                .containsOnly(entry("email", "ada@example.com"));
    }

    @Test
    void otpRequested_hasThePhoneAndTheSealedCodeButNotItsHash() {
        UserEventEnvelope envelope = map(3, new OtpRequested(USER, "+442079460958", HMAC, SEALED, EXPIRES, AT));

        assertThat(envelope.type()).isEqualTo("OtpRequested");
        assertThat(data(envelope)).containsOnly(
                entry("phone_number", "+442079460958"), entry("sealed_code", sealedJson()),
                entry("expires_at", "2026-11-25T09:20:02Z"));
        assertNoSecretIn(envelope, HMAC);
    }

    @Test
    void otpVerified_hasNoData() {
        UserEventEnvelope envelope = map(4, new OtpVerified(USER, AT));

        assertThat(envelope.type()).isEqualTo("OtpVerified");
        assertThat(data(envelope)).isEmpty();
    }

    @Test
    void otpVerificationFailed_hasThePurposeByNameAndTheTries() {
        UserEventEnvelope envelope = map(5, new OtpVerificationFailed(USER, CodePurpose.PHONE_CHANGE, 5, true, AT));

        assertThat(envelope.type()).isEqualTo("OtpVerificationFailed");
        assertThat(data(envelope)).containsOnly(
                entry("purpose", "PHONE_CHANGE"), entry("failed_tries", 5), entry("code_killed", true));
    }

    @Test
    void userLoggedIn_hasTheSessionAndTheMethodByName() {
        UserEventEnvelope envelope = map(6, new UserLoggedIn(USER, "session-1", LoginMethod.OTP, AT));

        assertThat(envelope.type()).isEqualTo("UserLoggedIn");
        assertThat(data(envelope)).containsOnly(entry("session_id", "session-1"), entry("method", "OTP"));
    }

    @Test
    void loginFailed_hasTheMethodTheReasonAndTheCount() {
        UserEventEnvelope envelope = map(7, new LoginFailed(USER, LoginMethod.PASSWORD, "wrong_password", 3, AT));

        assertThat(envelope.type()).isEqualTo("LoginFailed");
        assertThat(data(envelope)).containsOnly(
                entry("method", "PASSWORD"), entry("reason", "wrong_password"), entry("consecutive_failures", 3));
    }

    @Test
    void accountLocked_hasTheEndOfTheLock() {
        UserEventEnvelope envelope = map(8, new AccountLocked(USER, EXPIRES, AT));

        assertThat(envelope.type()).isEqualTo("AccountLocked");
        assertThat(data(envelope)).containsOnly(entry("locked_until", "2026-11-25T09:20:02Z"),
                entry("until_password_reset", false));
    }

    @Test
    void accountLockedUntilReset_saysSo_andHasNoEnd() {
        UserEventEnvelope envelope = map(8, new AccountLocked(USER, null, AT, true));

        assertThat(envelope.type()).isEqualTo("AccountLocked");
        assertThat(data(envelope)).containsOnly(entry("until_password_reset", true));
    }

    @Test
    void phoneNumberRemoved_hasTheNumberAndTheReason() {
        UserEventEnvelope envelope = map(8, new PhoneNumberRemoved(USER, "+15551234567", "password_reset", AT));

        assertThat(envelope.type()).isEqualTo("PhoneNumberRemoved");
        assertThat(data(envelope)).containsOnly(entry("phone_number", "+15551234567"),
                entry("reason", "password_reset"));
    }

    @Test
    void passwordResetRequested_hasTheSealedTokenButNotItsHash() {
        UserEventEnvelope envelope = map(9, new PasswordResetRequested(USER, "ada@example.com", HMAC, SEALED,
                EXPIRES, AT));

        assertThat(envelope.type()).isEqualTo("PasswordResetRequested");
        assertThat(data(envelope)).containsOnly(
                entry("email", "ada@example.com"), entry("sealed_token", sealedJson()),
                entry("expires_at", "2026-11-25T09:20:02Z"));
        assertNoSecretIn(envelope, HMAC);
    }

    @Test
    void passwordResetCompleted_hasNoDataAndNoPasswordHash() {
        UserEventEnvelope envelope = map(10, new PasswordResetCompleted(USER, BCRYPT_HASH, AT));

        assertThat(envelope.type()).isEqualTo("PasswordResetCompleted");
        assertThat(data(envelope)).isEmpty();
        assertNoSecretIn(envelope, BCRYPT_HASH);
    }

    @Test
    void passwordChanged_hasTheSessionThatChangedItAndNoPasswordHash() {
        UserEventEnvelope envelope = map(11, new PasswordChanged(USER, BCRYPT_HASH, "session-1", AT));

        assertThat(envelope.type()).isEqualTo("PasswordChanged");
        assertThat(data(envelope)).containsOnly(entry("session_id", "session-1"));
        assertNoSecretIn(envelope, BCRYPT_HASH);
    }

    @Test
    void passwordRehashed_isNotPublished() {
        DomainEventMessage<?> rehashed = message(12, new PasswordRehashed(USER, BCRYPT_HASH, AT));

        assertThat(mapper.map(rehashed)).isEmpty();
    }

    @Test
    void profileUpdated_hasTheNames() {
        UserEventEnvelope envelope = map(13, new ProfileUpdated(USER, "Ada", "Byron", AT));

        assertThat(envelope.type()).isEqualTo("ProfileUpdated");
        assertThat(data(envelope)).containsOnly(entry("first_name", "Ada"), entry("last_name", "Byron"));
    }

    @Test
    void phoneChangeRequested_hasTheNewNumberAndTheSealedCodeButNotItsHash() {
        UserEventEnvelope envelope = map(14, new PhoneChangeRequested(USER, "+14155550123", HMAC, SEALED, EXPIRES,
                AT));

        assertThat(envelope.type()).isEqualTo("PhoneChangeRequested");
        assertThat(data(envelope)).containsOnly(
                entry("new_phone_number", "+14155550123"), entry("sealed_code", sealedJson()),
                entry("expires_at", "2026-11-25T09:20:02Z"));
        assertNoSecretIn(envelope, HMAC);
    }

    @Test
    void phoneNumberChanged_hasTheOldAndTheNewNumber() {
        UserEventEnvelope envelope = map(15, new PhoneNumberChanged(USER, "+442079460958", "+14155550123", AT));

        assertThat(envelope.type()).isEqualTo("PhoneNumberChanged");
        assertThat(data(envelope)).containsOnly(
                entry("previous_phone_number", "+442079460958"), entry("phone_number", "+14155550123"));
    }

    @Test
    void sessionsRevoked_hasTheSessionsAndTheReason() {
        UserEventEnvelope envelope = map(16, new SessionsRevoked(USER, List.of("s1", "s2"), "password_reset", AT));

        assertThat(envelope.type()).isEqualTo("SessionsRevoked");
        assertThat(data(envelope)).containsOnly(
                entry("session_ids", List.of("s1", "s2")), entry("reason", "password_reset"));
    }

    @Test
    void roleChanged_hasTheNewAndThePreviousRoleInLowerCase() {
        UserEventEnvelope envelope = map(17, new RoleChanged(USER, Role.AUDITOR, Role.EMPLOYEE, AT));

        assertThat(envelope.type()).isEqualTo("RoleChanged");
        assertThat(data(envelope)).containsOnly(entry("role", "auditor"), entry("previous_role", "employee"));
    }

    @Test
    void userDisabled_hasTheReason_andUserEnabledAndAccountUnlockedHaveNoData() {
        UserEventEnvelope disabled = map(18, new UserDisabled(USER, "left the company", AT));
        assertThat(disabled.type()).isEqualTo("UserDisabled");
        assertThat(data(disabled)).containsOnly(entry("reason", "left the company"));

        UserEventEnvelope enabled = map(19, new UserEnabled(USER, AT));
        assertThat(enabled.type()).isEqualTo("UserEnabled");
        assertThat(data(enabled)).isEmpty();

        UserEventEnvelope unlocked = map(20, new AccountUnlocked(USER, AT));
        assertThat(unlocked.type()).isEqualTo("AccountUnlocked");
        assertThat(data(unlocked)).isEmpty();
    }

    @Test
    void aPayloadThatIsNoUserEventIsNotPublished() {
        assertThat(mapper.map(message(0, "not an event"))).isEmpty();
    }

    @Test
    void theJsonValueUsesTheContractsNamesAndIsoTimes() {
        UserEventEnvelope envelope = map(3, new OtpRequested(USER, "+442079460958", HMAC, SEALED, EXPIRES, AT));

        JsonNode json = JsonMapper.builder().build().readTree(UserEventCodec.write(envelope));

        assertThat(json.propertyNames()).containsExactlyInAnyOrder(
                "event_id", "type", "schema_version", "user_id", "sequence", "occurred_at", "data");
        assertThat(json.get("occurred_at").asString()).isEqualTo("2026-11-25T09:15:02.118Z");
        assertThat(json.get("schema_version").asInt()).isEqualTo(1);
        assertThat(json.get("sequence").asLong()).isEqualTo(3);
        assertThat(json.at("/data/sealed_code/key_id").asString()).isEqualTo("k1");
        assertThat(json.at("/data/expires_at").asString()).isEqualTo("2026-11-25T09:20:02Z");
    }

    @Test
    void everyDomainEventOfTheUserIsPublishedAsAContractType_exceptPasswordRehashed() throws Exception {
        // The aggregate's event-sourcing handlers name every event a user can have.
        Class<?> user = Class.forName("dev.authsvc.command.user.domain.User");
        Set<Class<?>> domainEvents = Arrays.stream(user.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(EventSourcingHandler.class))
                .map(Method::getParameterTypes)
                .map(parameters -> parameters[0])
                .collect(Collectors.toSet());
        assertThat(domainEvents).contains(PasswordRehashed.class).hasSizeGreaterThan(UserEventTypes.ALL.size());

        Set<String> publishedTypes = new HashSet<>();
        for (Class<?> domainEvent : domainEvents) {
            Optional<?> data = IntegrationEventMapper.data(sample(domainEvent));
            assertThat(data.isPresent()).as("%s is published", domainEvent.getSimpleName())
                    .isEqualTo(domainEvent != PasswordRehashed.class);
            data.ifPresent(d -> publishedTypes.add(UserEventTypes.ALL.entrySet().stream()
                    .filter(type -> type.getValue() == d.getClass())
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow()));
        }
        assertThat(publishedTypes).containsExactlyInAnyOrderElementsOf(UserEventTypes.ALL.keySet());
    }

    private UserEventEnvelope map(long sequence, Object payload) {
        return mapper.map(message(sequence, payload)).orElseThrow();
    }

    /** The envelope's data as it is on the wire: JSON names and values, in the order written. */
    private static Map<String, Object> data(UserEventEnvelope envelope) {
        JsonNode data = JsonMapper.builder().build().readTree(UserEventCodec.write(envelope)).get("data");
        return JsonMapper.builder().build().convertValue(data, new TypeReference<Map<String, Object>>() {
        });
    }

    private static DomainEventMessage<?> message(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("User", USER, sequence, payload, MetaData.emptyInstance(),
                "event-" + sequence, STORED_AT);
    }

    private static Map<String, Object> sealedJson() {
        return Map.of("key_id", SEALED.keyId(), "ciphertext", SEALED.ciphertext(), "version", 2);
    }

    private void assertNoSecretIn(UserEventEnvelope envelope, String secret) {
        assertThat(UserEventCodec.write(envelope)).doesNotContain(secret).doesNotContain("$2a$")
                .doesNotContain("{bcrypt}").doesNotContain("hash");
    }

    /** An instance of a domain event record with every component set, for the coverage test. */
    private static Object sample(Class<?> recordType) throws Exception {
        var components = recordType.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(c -> c.getType()).toArray(Class<?>[]::new);
        Object[] values = Arrays.stream(types).map(IntegrationEventMapperTest::sampleValue).toArray();
        return recordType.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object sampleValue(Class<?> type) {
        if (type == String.class) {
            return "x";
        }
        if (type == Instant.class) {
            return AT;
        }
        if (type == int.class) {
            return 1;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == List.class) {
            return List.of("s1");
        }
        if (type == SealedSecret.class) {
            return SEALED;
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        throw new AssertionError("no sample value for " + type);
    }
}
