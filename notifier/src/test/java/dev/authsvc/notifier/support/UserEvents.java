package dev.authsvc.notifier.support;

import dev.authsvc.events.UserEventCodec;
import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.AccountLockedData;
import dev.authsvc.events.data.EmailVerificationRequestedData;
import dev.authsvc.events.data.OtpRequestedData;
import dev.authsvc.events.data.PasswordChangedData;
import dev.authsvc.events.data.PasswordResetCompletedData;
import dev.authsvc.events.data.PasswordResetRequestedData;
import dev.authsvc.events.data.PhoneChangeRequestedData;
import dev.authsvc.events.data.PhoneNumberChangedData;
import dev.authsvc.events.data.UserEventData;
import dev.authsvc.events.data.UserRegisteredData;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * Integration events as the command-service's publisher writes them: an envelope around the type's data record,
 * codes and tokens sealed with the shared key. Each user has its own id, phone number and email, so tests sharing
 * a context (and the Twilio and SMTP stand-ins) never see each other's messages.
 */
public final class UserEvents {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong NUMBERS = new AtomicLong(1_000_000 + RANDOM.nextInt(8_000_000));

    private UserEvents() {
    }

    /** A user of the tests, with the sequence of their next event. */
    public static final class User {

        public final String id = UUID.randomUUID().toString();
        public final String phoneNumber = newPhoneNumber();
        public final String email = "user." + id.substring(0, 8) + "@example.com";
        private long sequence;

        public UserEventEnvelope registered() {
            return event(UserRegisteredData.TYPE,
                    new UserRegisteredData("Ada", "Lovelace", email, phoneNumber, "employee"));
        }

        public UserEventEnvelope otpRequested(String code) {
            return otpRequested(code, Instant.now().plus(Duration.ofMinutes(5)));
        }

        public UserEventEnvelope otpRequested(String code, Instant expiresAt) {
            return event(OtpRequestedData.TYPE, new OtpRequestedData(phoneNumber,
                    TestKeys.seal(code, OtpRequestedData.sealContext(id, phoneNumber)), expiresAt));
        }

        public UserEventEnvelope phoneChangeRequested(String newPhoneNumber, String code) {
            return event(PhoneChangeRequestedData.TYPE, new PhoneChangeRequestedData(newPhoneNumber,
                    TestKeys.seal(code, PhoneChangeRequestedData.sealContext(id, newPhoneNumber)),
                    Instant.now().plus(Duration.ofMinutes(5))));
        }

        public UserEventEnvelope phoneNumberChanged(String newPhoneNumber) {
            return event(PhoneNumberChangedData.TYPE, new PhoneNumberChangedData(phoneNumber, newPhoneNumber));
        }

        public UserEventEnvelope emailVerificationRequested(String token) {
            return event(EmailVerificationRequestedData.TYPE, new EmailVerificationRequestedData(email,
                    TestKeys.seal(token, EmailVerificationRequestedData.sealContext(id, email)),
                    Instant.now().plus(Duration.ofHours(24))));
        }

        public UserEventEnvelope passwordResetRequested(String token) {
            return event(PasswordResetRequestedData.TYPE, new PasswordResetRequestedData(email,
                    TestKeys.seal(token, PasswordResetRequestedData.sealContext(id, email)),
                    Instant.now().plus(Duration.ofMinutes(30))));
        }

        public UserEventEnvelope passwordChanged() {
            return event(PasswordChangedData.TYPE, new PasswordChangedData(UUID.randomUUID().toString()));
        }

        public UserEventEnvelope passwordResetCompleted() {
            return event(PasswordResetCompletedData.TYPE, new PasswordResetCompletedData());
        }

        public UserEventEnvelope accountLocked(Instant until) {
            return event(AccountLockedData.TYPE, new AccountLockedData(until, false));
        }

        public synchronized UserEventEnvelope event(String type, UserEventData data) {
            return new UserEventEnvelope(UUID.randomUUID().toString(), type, UserEventEnvelope.SCHEMA_VERSION, id,
                    sequence++, Instant.now(), data);
        }
    }

    public static String newPhoneNumber() {
        return "+1415" + NUMBERS.incrementAndGet();
    }

    /** Six digits, as the command-service's OTPs. */
    public static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** 256 random bits, base64url, as the command-service's reset and verification tokens. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String json(UserEventEnvelope envelope) {
        return UserEventCodec.write(envelope);
    }
}
