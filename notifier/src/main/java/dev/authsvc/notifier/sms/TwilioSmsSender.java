package dev.authsvc.notifier.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import dev.authsvc.notifier.config.NotifierProperties;
import dev.authsvc.notifier.delivery.Channel;
import dev.authsvc.notifier.delivery.DeliveryException;
import dev.authsvc.notifier.delivery.Notification;
import dev.authsvc.notifier.delivery.PermanentDeliveryException;
import dev.authsvc.notifier.delivery.RetryableDeliveryException;
import dev.authsvc.notifier.delivery.Sender;
import dev.authsvc.notifier.privacy.Masks;
import java.io.IOException;
import java.net.URI;

/**
 * Sends SMS through Twilio's Messages API with the Java SDK: from {@code TWILIO_PHONE_NUMBER}, or through the
 * messaging service {@code TWILIO_MESSAGING_SERVICE_SID} when that is set. 5xx and 429 answers, timeouts and
 * refused connections are retryable; any other refusal (4xx: an invalid number, a wrong account) is permanent.
 */
public final class TwilioSmsSender implements Sender {

    static final URI TWILIO_API = URI.create("https://api.twilio.com");

    private final TwilioRestClient client;
    private final String from;
    private final String messagingServiceSid;
    private final URI apiBaseUrl;

    public TwilioSmsSender(NotifierProperties.Twilio twilio) {
        this.apiBaseUrl = twilio.apiBaseUrl();
        URI redirect = TWILIO_API.equals(apiBaseUrl) ? null : apiBaseUrl;
        this.client = new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
                .accountSid(twilio.accountSid())
                .httpClient(new TwilioHttpClient(redirect, twilio.timeout()))
                .build();
        this.from = twilio.phoneNumber();
        this.messagingServiceSid = twilio.messagingServiceSid();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String describe() {
        return "Twilio at " + apiBaseUrl + (messagingServiceSid != null ? " through messaging service "
                + messagingServiceSid : " from " + Masks.phone(from));
    }

    @Override
    public String send(Notification notification) {
        PhoneNumber to = new PhoneNumber(notification.to());
        MessageCreator creator = messagingServiceSid != null
                ? Message.creator(to, messagingServiceSid, notification.text())
                : Message.creator(to, new PhoneNumber(from), notification.text());
        if (messagingServiceSid != null && from != null) {
            creator.setFrom(new PhoneNumber(from));
        }
        try {
            return creator.create(client).getSid();
        } catch (DeliveryException alreadyClassified) {
            throw alreadyClassified;
        } catch (ApiConnectionException unreachable) {
            throw new RetryableDeliveryException("Twilio unreachable: " + Masks.scrub(unreachable.getMessage()));
        } catch (ApiException refused) {
            throw classify(refused);
        } catch (TwilioException other) {
            throw new PermanentDeliveryException("Twilio SDK failure: " + Masks.scrub(other.getMessage()));
        }
    }

    /** The SDK wraps I/O failures (timeouts, refused connections) in an ApiException without a status. */
    static DeliveryException classify(ApiException e) {
        Integer status = e.getStatusCode() != null ? e.getStatusCode() : e.getHttpStatusCode();
        if (status == null && e.getCause() instanceof IOException io) {
            return new RetryableDeliveryException("Twilio unreachable: " + io.getClass().getSimpleName()
                    + (io.getMessage() == null ? "" : ": " + Masks.scrub(io.getMessage())));
        }
        String reason = "Twilio answered " + (status == null ? "an error" : "HTTP " + status)
                + (e.getCode() == null ? "" : " (error " + e.getCode() + ")") + ": " + Masks.scrub(e.getMessage());
        if (status != null && (status >= 500 || status == 429)) {
            return new RetryableDeliveryException(reason);
        }
        return new PermanentDeliveryException(reason);
    }
}
