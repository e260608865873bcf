package dev.authsvc.notifier.event;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.AccountLockedData;
import dev.authsvc.events.data.EmailVerificationRequestedData;
import dev.authsvc.events.data.OtpRequestedData;
import dev.authsvc.events.data.PasswordChangedData;
import dev.authsvc.events.data.PasswordResetCompletedData;
import dev.authsvc.events.data.PasswordResetRequestedData;
import dev.authsvc.events.data.PhoneChangeRequestedData;
import dev.authsvc.events.data.PhoneNumberChangedData;
import dev.authsvc.events.data.SealedValue;
import dev.authsvc.events.data.UserEventData;
import dev.authsvc.events.data.UserEventTypes;
import dev.authsvc.events.seal.SealContext;
import dev.authsvc.events.seal.SealedValueCipher;
import dev.authsvc.events.seal.SealedValueException;
import dev.authsvc.notifier.delivery.Channel;
import dev.authsvc.notifier.delivery.EventRef;
import dev.authsvc.notifier.delivery.Notification;
import dev.authsvc.notifier.delivery.NotificationStatus;
import dev.authsvc.notifier.delivery.PermanentDeliveryException;
import dev.authsvc.notifier.delivery.SealedValueRefusedException;
import dev.authsvc.notifier.mail.MailContent;
import dev.authsvc.notifier.mail.MailTemplates;
import dev.authsvc.notifier.privacy.Masks;
import dev.authsvc.notifier.recipient.Recipient;
import dev.authsvc.notifier.recipient.RecipientDirectory;
import dev.authsvc.notifier.sms.SmsTexts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Decides what each event type sends: which channel, to whom, saying what. Codes and tokens are opened from
 * their sealed form only here, just before the send, and only while still valid; each opens only for the user,
 * event type, field and recipient it was sealed for, so a sealed value copied into a forged event is refused.
 */
@Component
public class NotificationComposer {

    /**
     * Every event type that notifies: its channel and what it sends, one entry per type, so the channel and the
     * composing cannot disagree. A type missing here sends nothing.
     */
    private static final Map<Class<? extends UserEventData>, Notifying<?>> NOTIFYING = table(
            on(OtpRequestedData.class, Channel.SMS, NotificationComposer::otpRequested),
            on(PhoneChangeRequestedData.class, Channel.SMS, NotificationComposer::phoneChangeRequested),
            on(EmailVerificationRequestedData.class, Channel.EMAIL, NotificationComposer::emailVerificationRequested),
            on(PasswordResetRequestedData.class, Channel.EMAIL, NotificationComposer::passwordResetRequested),
            on(PasswordChangedData.class, Channel.EMAIL,
                    (composer, event, data) -> composer.notice(event, composer.mail.passwordChanged())),
            on(PasswordResetCompletedData.class, Channel.EMAIL,
                    (composer, event, data) -> composer.notice(event, composer.mail.passwordResetCompleted())),
            on(PhoneNumberChangedData.class, Channel.EMAIL, (composer, event, data) ->
                    composer.notice(event, composer.mail.phoneNumberChanged(Masks.phone(data.phoneNumber())))),
            on(AccountLockedData.class, Channel.EMAIL, (composer, event, data) ->
                    composer.notice(event, composer.mail.accountLocked(data.lockedUntil()))));

    private final SealedValueCipher cipher;
    private final RecipientDirectory recipients;
    private final SmsTexts sms;
    private final MailTemplates mail;
    private final Clock clock;

    public NotificationComposer(SealedValueCipher cipher, RecipientDirectory recipients, SmsTexts sms,
            MailTemplates mail, Clock clock) {
        this.cipher = cipher;
        this.recipients = recipients;
        this.sms = sms;
        this.mail = mail;
        this.clock = clock;
    }

    /** The channel an event type notifies on; empty for the types that send nothing. */
    public static Optional<Channel> channelFor(String type) {
        return UserEventTypes.dataType(type).map(NOTIFYING::get).map(Notifying::channel);
    }

    /** The channel this event notifies on; empty when it sends nothing. */
    public static Optional<Channel> channelFor(UserEventEnvelope event) {
        return Optional.ofNullable(NOTIFYING.get(event.data().getClass())).map(Notifying::channel);
    }

    /** What to do about a notifying event: send a notification, or record why not. */
    public sealed interface Outcome permits Send, Skip {
    }

    public record Send(Notification notification) implements Outcome {
    }

    public record Skip(NotificationStatus status, String detail) implements Outcome {
    }

    public Outcome compose(UserEventEnvelope event) {
        Notifying<?> notifying = NOTIFYING.get(event.data().getClass());
        if (notifying == null) {
            throw new IllegalArgumentException(event.type() + " events send nothing");
        }
        return notifying.compose(this, event);
    }

    private Outcome otpRequested(UserEventEnvelope event, OtpRequestedData data) {
        EventRef ref = EventRef.of(event);
        String to = required(ref, "phone_number", data.phoneNumber());
        return code(ref, data.expiresAt(), to, data.sealedCode(), OtpRequestedData.sealContext(event.userId(), to),
                (code, validFor) -> sms.loginCode(code, validFor));
    }

    private Outcome phoneChangeRequested(UserEventEnvelope event, PhoneChangeRequestedData data) {
        EventRef ref = EventRef.of(event);
        String to = required(ref, "new_phone_number", data.newPhoneNumber());
        return code(ref, data.expiresAt(), to, data.sealedCode(),
                PhoneChangeRequestedData.sealContext(event.userId(), to),
                (code, validFor) -> sms.phoneChangeCode(code, validFor));
    }

    private Outcome emailVerificationRequested(UserEventEnvelope event, EmailVerificationRequestedData data) {
        EventRef ref = EventRef.of(event);
        String to = required(ref, "email", data.email());
        return link(ref, data.expiresAt(), to, data.sealedToken(),
                EmailVerificationRequestedData.sealContext(event.userId(), to),
                (token, validFor) -> mail.emailVerification(token, validFor));
    }

    private Outcome passwordResetRequested(UserEventEnvelope event, PasswordResetRequestedData data) {
        EventRef ref = EventRef.of(event);
        String to = required(ref, "email", data.email());
        return link(ref, data.expiresAt(), to, data.sealedToken(),
                PasswordResetRequestedData.sealContext(event.userId(), to),
                (token, validFor) -> mail.passwordReset(token, validFor));
    }

    /** What one event type sends, from the composer, the event and its data record. */
    @FunctionalInterface
    private interface Composing<D extends UserEventData> {
        Outcome compose(NotificationComposer composer, UserEventEnvelope event, D data);
    }

    private record Notifying<D extends UserEventData>(Class<D> type, Channel channel, Composing<D> composing) {

        Outcome compose(NotificationComposer composer, UserEventEnvelope event) {
            return composing.compose(composer, event, type.cast(event.data()));
        }
    }

    private static <D extends UserEventData> Notifying<D> on(Class<D> type, Channel channel, Composing<D> composing) {
        return new Notifying<>(type, channel, composing);
    }

    private static Map<Class<? extends UserEventData>, Notifying<?>> table(Notifying<?>... entries) {
        return Arrays.stream(entries).collect(Collectors.toUnmodifiableMap(Notifying::type, Function.identity()));
    }

    @FunctionalInterface
    private interface Wording<T> {
        T with(String secret, Duration validFor);
    }

    private Outcome code(EventRef ref, Instant expiresAt, String phoneNumber, SealedValue sealed,
            SealContext context, Wording<String> text) {
        Duration validFor = validFor(expiresAt);
        if (validFor == null) {
            return expired(expiresAt);
        }
        return new Send(Notification.sms(ref, phoneNumber, text.with(open(ref, sealed, context), validFor)));
    }

    private Outcome link(EventRef ref, Instant expiresAt, String email, SealedValue sealed, SealContext context,
            Wording<MailContent> content) {
        Duration validFor = validFor(expiresAt);
        if (validFor == null) {
            return expired(expiresAt);
        }
        MailContent mail = content.with(open(ref, sealed, context), validFor);
        return new Send(Notification.email(ref, email, mail.subject(), mail.text(), mail.html()));
    }

    private Outcome notice(UserEventEnvelope event, MailContent content) {
        EventRef ref = EventRef.of(event);
        Optional<String> email = recipients.find(ref.userId()).map(Recipient::email);
        if (email.isEmpty()) {
            return new Skip(NotificationStatus.NO_RECIPIENT, "no email address is known for user " + ref.userId()
                    + " (the notifier has not seen it register)");
        }
        return new Send(Notification.email(ref, email.get(), content.subject(), content.text(), content.html()));
    }

    /** How long the code or token has left; {@code null} once expired. */
    private Duration validFor(Instant expiresAt) {
        if (expiresAt == null) {
            throw new PermanentDeliveryException("the event has no expires_at");
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() || left.isZero() ? null : left;
    }

    private static Skip expired(Instant expiresAt) {
        return new Skip(NotificationStatus.EXPIRED, "its code or token expired at " + expiresAt
                + ", before the event was consumed");
    }

    /** The secret, if it opens for exactly this event's user, type, field and recipient. */
    private String open(EventRef ref, SealedValue sealed, SealContext context) {
        if (sealed == null) {
            throw new PermanentDeliveryException(ref + " carries no sealed value");
        }
        try {
            return cipher.open(sealed, context);
        } catch (SealedValueException e) {
            throw new SealedValueRefusedException(ref + ": " + e.getMessage());
        }
    }

    private static String required(EventRef ref, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new PermanentDeliveryException(ref + " has no " + field);
        }
        return value;
    }
}
