package dev.authsvc.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.events.data.AccountLockedData;
import dev.authsvc.events.data.LoginFailedData;
import dev.authsvc.events.data.OtpRequestedData;
import dev.authsvc.events.data.PhoneNumberChangedData;
import dev.authsvc.events.data.SealedValue;
import dev.authsvc.events.data.SessionsRevokedData;
import dev.authsvc.events.data.UserEventData;
import dev.authsvc.events.data.UserEventTypes;
import dev.authsvc.events.data.UserRegisteredData;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserEventCodecTest {

    private static final Instant AT = Instant.parse("2026-11-25T09:15:02.118Z");

    @Test
    void everyTypeOfTheContract_readsBackAsWritten() throws Exception {
        for (Map.Entry<String, Class<? extends UserEventData>> type : UserEventTypes.ALL.entrySet()) {
            UserEventEnvelope written = UserEventEnvelope.of("e-" + type.getKey(), "u1", 3, AT,
                    sample(type.getValue()));

            UserEventEnvelope read = UserEventCodec.read(UserEventCodec.write(written)).orElseThrow();

            assertThat(read).as(type.getKey()).isEqualTo(written);
            assertThat(read.type()).isEqualTo(type.getKey());
            assertThat(read.data()).isInstanceOf(type.getValue());
        }
    }

    @Test
    void writing_usesTheContractsNamesIsoTimesAndLeavesAbsentValuesOut_inTheRecordsOrder() {
        UserEventEnvelope envelope = UserEventEnvelope.of("e1", "u1", 0, AT,
                new UserRegisteredData("Ada", "Lovelace", "ada@example.com", null, "employee"));

        assertThat(UserEventCodec.write(envelope)).isEqualTo("{\"event_id\":\"e1\",\"type\":\"UserRegistered\","
                + "\"schema_version\":1,\"user_id\":\"u1\",\"sequence\":0,\"occurred_at\":\"2026-11-25T09:15:02.118Z\","
                + "\"data\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"email\":\"ada@example.com\","
                + "\"role\":\"employee\"}}");
    }

    @Test
    void readsTheEnvelopeAndItsDataAsTheContractsRecord() {
        UserEventEnvelope event = UserEventCodec.read("""
                {"event_id": "e1", "type": "SessionsRevoked", "schema_version": 1, "user_id": "u1", "sequence": 7,
                 "occurred_at": "2026-11-01T10:00:00Z",
                 "data": {"session_ids": ["s1", "s2"], "reason": "password_reset"}}""").orElseThrow();

        assertThat(event.eventId()).isEqualTo("e1");
        assertThat(event.userId()).isEqualTo("u1");
        assertThat(event.sequence()).isEqualTo(7);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(event.data()).isEqualTo(new SessionsRevokedData(List.of("s1", "s2"), "password_reset"));
    }

    @Test
    void fieldsAddedLaterInV1_areIgnored() {
        UserEventEnvelope event = UserEventCodec.read("""
                {"event_id": "e1", "type": "OtpRequested", "schema_version": 1, "user_id": "u1", "sequence": 7,
                 "occurred_at": "2030-01-01T00:00:00Z", "added_later": {"x": 1},
                 "data": {"phone_number": "+14155550123", "expires_at": "2030-01-01T00:05:00Z",
                          "sealed_code": {"key_id": "k1", "ciphertext": "abc", "salt": "x"}, "channel_hint": "sms"}}
                """).orElseThrow();

        OtpRequestedData data = (OtpRequestedData) event.data();
        assertThat(data.phoneNumber()).isEqualTo("+14155550123");
        assertThat(data.sealedCode()).isEqualTo(new SealedValue("k1", "abc"));
        assertThat(data.expiresAt()).isEqualTo(Instant.parse("2030-01-01T00:05:00Z"));
    }

    @Test
    void aNullFieldReadsAsAnAbsentOne() {
        UserEventEnvelope withNulls = UserEventCodec.read("""
                {"event_id": "e1", "type": "PhoneNumberChanged", "schema_version": 1, "user_id": "u1", "sequence": 2,
                 "occurred_at": "2026-11-01T10:00:00Z", "trace": "x",
                 "data": {"previous_phone_number": null, "phone_number": "+15550001111", "carrier": "x"}}""")
                .orElseThrow();
        assertThat(withNulls.data()).isEqualTo(new PhoneNumberChangedData(null, "+15550001111"));

        UserEventEnvelope nullCount = UserEventCodec.read("""
                {"event_id": "e1", "type": "LoginFailed", "schema_version": 1, "user_id": "u1", "sequence": 2,
                 "occurred_at": "2026-11-01T10:00:00Z",
                 "data": {"method": "PASSWORD", "reason": null, "consecutive_failures": null}}""").orElseThrow();
        UserEventEnvelope absentCount = UserEventCodec.read("""
                {"event_id": "e1", "type": "LoginFailed", "schema_version": 1, "user_id": "u1", "sequence": 2,
                 "occurred_at": "2026-11-01T10:00:00Z", "data": {"method": "PASSWORD"}}""").orElseThrow();
        assertThat(nullCount.data()).isEqualTo(absentCount.data()).isEqualTo(new LoginFailedData("PASSWORD", null, 0));
    }

    @Test
    void timesWrittenAsNumbersAreRead() {
        UserEventEnvelope event = UserEventCodec.read("""
                {"event_id": "e1", "type": "AccountLocked", "schema_version": 1, "user_id": "u1", "sequence": 2,
                 "occurred_at": 1793527200.000000000, "data": {"locked_until": "2026-11-01T10:15:00Z"}}""")
                .orElseThrow();

        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1793527200L));
        // Published before until_password_reset existed: absent, read as a timed lock.
        assertThat(event.data()).isEqualTo(new AccountLockedData(Instant.parse("2026-11-01T10:15:00Z"), null));
        assertThat(((AccountLockedData) event.data()).untilReset()).isFalse();
    }

    @Test
    void aTypeAddedLaterReadsAsNothing_soTheSubscriberSkipsIt() {
        assertThat(UserEventCodec.read("""
                {"event_id": "e1", "type": "TenantChanged", "schema_version": 1, "user_id": "u1", "sequence": 2,
                 "occurred_at": "2026-11-01T10:00:00Z", "data": {"role": "admin"}}""")).isEmpty();
    }

    @Test
    void whatIsNotAnEnvelopeIsUnreadable() {
        for (String value : List.of("not json", "[]", "{}", "{\"type\": \"UserRegistered\"}", "\"text\"",
                "{\"event_id\": \"e\", \"type\": \"UserRegistered\", \"user_id\": \"u\", \"sequence\": -1, "
                        + "\"occurred_at\": \"2026-11-01T10:00:00Z\"}",
                "{\"event_id\": \"e\", \"type\": \"UserRegistered\", \"user_id\": \"u\", \"sequence\": \"first\", "
                        + "\"occurred_at\": \"2026-11-01T10:00:00Z\"}",
                "{\"event_id\": \"e\", \"type\": \"AccountLocked\", \"user_id\": \"u\", \"sequence\": 1, "
                        + "\"occurred_at\": \"2026-11-01T10:00:00Z\", \"data\": {\"locked_until\": \"soon\"}}",
                "{\"event_id\": \"e\", \"type\": \"AccountLocked\", \"user_id\": \"u\", \"sequence\": 1, "
                        + "\"occurred_at\": \"2026-11-01T10:00:00Z\", \"data\": [1]}")) {
            assertThatThrownBy(() -> UserEventCodec.read(value)).as(value).isInstanceOf(UnreadableEventException.class);
        }
        assertThatThrownBy(() -> UserEventCodec.read(null)).isInstanceOf(UnreadableEventException.class);
        assertThatThrownBy(() -> UserEventCodec.read(" ")).isInstanceOf(UnreadableEventException.class);
    }

    @Test
    void anUnreadableValue_isReportedWithoutItsContent() {
        String phone = "+14155550123";
        String email = "ada@example.com";
        List<String> values = List.of(
                "{\"event_id\": \"e1\", \"phone\": \"" + phone + "\"",
                "{\"event_id\": \"" + phone + "\", \"type\": \"UserRegistered\", \"user_id\": \"u\", \"sequence\": \""
                        + email + "\", \"occurred_at\": \"2026-11-01T10:00:00Z\"}",
                "{\"event_id\": \"e\", \"type\": \"UserRegistered\", \"user_id\": \"u\", \"sequence\": 1, "
                        + "\"occurred_at\": \"" + email + "\"}",
                "{\"event_id\": \"e\", \"type\": \"OtpRequested\", \"user_id\": \"u\", \"sequence\": 1, "
                        + "\"occurred_at\": \"2026-11-01T10:00:00Z\", \"data\": {\"phone_number\": \"" + phone
                        + "\", \"expires_at\": \"" + email + "\"}}",
                "{\"event_id\": \"e\", \"type\": \"UserRegistered\", \"user_id\": \"u\", \"sequence\": 1, "
                        + "\"occurred_at\": \"2026-11-01T10:00:00Z\", \"data\": {\"email\": [\"" + email + "\"]}}");
        for (String value : values) {
            assertThatThrownBy(() -> UserEventCodec.read(value)).as(value)
                    .isInstanceOf(UnreadableEventException.class)
                    .hasNoCause()
                    .hasMessageNotContaining(phone)
                    .hasMessageNotContaining(email)
                    .hasMessageNotContaining("4155550123");
        }
        assertThatThrownBy(() -> UserEventCodec.read(values.get(3)))
                .hasMessageContaining("OtpRequested").hasMessageContaining("expires_at");
    }

    /** An instance of a data record with every component set. */
    private static UserEventData sample(Class<? extends UserEventData> recordType) throws Exception {
        RecordComponent[] components = recordType.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values = Arrays.stream(types).map(UserEventCodecTest::sampleValue).toArray();
        return recordType.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object sampleValue(Class<?> type) {
        if (type == String.class) {
            return "x";
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-25T09:20:02Z");
        }
        if (type == int.class || type == Integer.class) {
            return 2;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == List.class) {
            return List.of("s1", "s2");
        }
        if (type == SealedValue.class) {
            return new SealedValue("k1", "c2VhbGVk", SealedValue.BOUND);
        }
        throw new IllegalArgumentException("no sample for " + type);
    }
}
