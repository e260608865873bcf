package dev.authsvc.query.support;

import dev.authsvc.events.UserEventCodec;
import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.AccountLockedData;
import dev.authsvc.events.data.AccountUnlockedData;
import dev.authsvc.events.data.EmailVerifiedData;
import dev.authsvc.events.data.OtpVerifiedData;
import dev.authsvc.events.data.PasswordResetCompletedData;
import dev.authsvc.events.data.PhoneNumberChangedData;
import dev.authsvc.events.data.ProfileUpdatedData;
import dev.authsvc.events.data.RoleChangedData;
import dev.authsvc.events.data.SessionsRevokedData;
import dev.authsvc.events.data.UserDisabledData;
import dev.authsvc.events.data.UserEnabledData;
import dev.authsvc.events.data.UserEventData;
import dev.authsvc.events.data.UserLoggedInData;
import dev.authsvc.events.data.UserRegisteredData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** Integration events as the publisher writes them: the envelope as JSON, {@code data} from the contract's records. */
public final class TestEvents {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** A fixed base time, so expected rows can be compared exactly. */
    public static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private TestEvents() {
    }

    public static UserEventEnvelope envelope(String userId, long sequence, String type, UserEventData data) {
        return new UserEventEnvelope(UUID.randomUUID().toString(), type, UserEventEnvelope.SCHEMA_VERSION, userId,
                sequence, T0.plus(sequence, ChronoUnit.MINUTES), data);
    }

    /** The same event, said to have happened at {@code at}. */
    public static UserEventEnvelope at(UserEventEnvelope envelope, Instant at) {
        return new UserEventEnvelope(envelope.eventId(), envelope.type(), envelope.schemaVersion(), envelope.userId(),
                envelope.sequence(), at, envelope.data());
    }

    public static String json(UserEventEnvelope envelope) {
        return UserEventCodec.write(envelope);
    }

    public static UserEventEnvelope registered(String userId, String email, String phone) {
        return envelope(userId, 0, UserRegisteredData.TYPE,
                new UserRegisteredData("Ada", "Lovelace", email, phone, "employee"));
    }

    public static UserEventEnvelope registered(String userId, String email, String phone, String firstName,
            String lastName, String role) {
        return envelope(userId, 0, UserRegisteredData.TYPE,
                new UserRegisteredData(firstName, lastName, email, phone, role));
    }

    public static UserEventEnvelope profileUpdated(String userId, long sequence, String firstName, String lastName) {
        return envelope(userId, sequence, ProfileUpdatedData.TYPE, new ProfileUpdatedData(firstName, lastName));
    }

    public static UserEventEnvelope phoneChanged(String userId, long sequence, String previous, String phone) {
        return envelope(userId, sequence, PhoneNumberChangedData.TYPE, new PhoneNumberChangedData(previous, phone));
    }

    public static UserEventEnvelope emailVerified(String userId, long sequence, String email) {
        return envelope(userId, sequence, EmailVerifiedData.TYPE, new EmailVerifiedData(email));
    }

    public static UserEventEnvelope otpVerified(String userId, long sequence) {
        return envelope(userId, sequence, OtpVerifiedData.TYPE, new OtpVerifiedData());
    }

    public static UserEventEnvelope loggedIn(String userId, long sequence, String sessionId) {
        return envelope(userId, sequence, UserLoggedInData.TYPE, new UserLoggedInData(sessionId, "OTP"));
    }

    public static UserEventEnvelope locked(String userId, long sequence, Instant until) {
        return envelope(userId, sequence, AccountLockedData.TYPE, new AccountLockedData(until));
    }

    public static UserEventEnvelope sessionsRevoked(String userId, long sequence, List<String> sessionIds, String reason) {
        return envelope(userId, sequence, SessionsRevokedData.TYPE, new SessionsRevokedData(sessionIds, reason));
    }

    public static UserEventEnvelope passwordResetCompleted(String userId, long sequence) {
        return envelope(userId, sequence, PasswordResetCompletedData.TYPE, new PasswordResetCompletedData());
    }

    public static UserEventEnvelope roleChanged(String userId, long sequence, String role, String previousRole) {
        return envelope(userId, sequence, RoleChangedData.TYPE, new RoleChangedData(role, previousRole));
    }

    public static UserEventEnvelope disabled(String userId, long sequence, String reason) {
        return envelope(userId, sequence, UserDisabledData.TYPE, new UserDisabledData(reason));
    }

    public static UserEventEnvelope enabled(String userId, long sequence) {
        return envelope(userId, sequence, UserEnabledData.TYPE, new UserEnabledData());
    }

    public static UserEventEnvelope unlocked(String userId, long sequence) {
        return envelope(userId, sequence, AccountUnlockedData.TYPE, new AccountUnlockedData());
    }

    public static String uniqueUserId() {
        return UUID.randomUUID().toString();
    }

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static String uniquePhone() {
        long digits = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L) + 1_000_000_000L;
        return "+1" + digits;
    }
}
