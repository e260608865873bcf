package dev.authsvc.notifier.config;

import dev.authsvc.events.seal.SealedValueCipher;
import dev.authsvc.notifier.delivery.Channel;
import dev.authsvc.notifier.delivery.Sender;
import dev.authsvc.notifier.mail.MailTemplates;
import dev.authsvc.notifier.mail.SmtpEmailSender;
import dev.authsvc.notifier.outbox.DevOutbox;
import dev.authsvc.notifier.outbox.OutboxSender;
import dev.authsvc.notifier.sms.SmsTexts;
import dev.authsvc.notifier.sms.TwilioSmsSender;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One sender per channel: the provider when it is configured, else the dev outbox when that is on.
 * {@link NotifierProperties} has already refused to start when a channel has neither.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotifierProperties.class, SealKeyProperties.class})
class NotifierConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SealedValueCipher sealedValueCipher(SealKeyProperties keys) {
        return keys.openingCipher();
    }

    @Bean
    SmsTexts smsTexts(NotifierProperties properties) {
        return new SmsTexts(properties.productName());
    }

    @Bean
    MailTemplates mailTemplates(NotifierProperties properties) {
        return new MailTemplates(properties.productName(), properties.publicBaseUrl());
    }

    @Bean
    @ConditionalOnBooleanProperty("notifier.dev-outbox.enabled")
    DevOutbox devOutbox(NotifierProperties properties) {
        LOG.warn("AUTH_DEV_OUTBOX is on: messages of a channel without a provider stay in memory, codes and links "
                + "included, and GET /dev/outbox shows them to anyone. For local development only.");
        return new DevOutbox(properties.devOutbox().capacity());
    }

    @Bean
    Sender smsSender(NotifierProperties properties, ObjectProvider<DevOutbox> outbox, Clock clock) {
        if (properties.twilio().configured()) {
            return new TwilioSmsSender(properties.twilio());
        }
        return new OutboxSender(Channel.SMS, outbox.getObject(), clock);
    }

    @Bean
    Sender emailSender(NotifierProperties properties, ObjectProvider<DevOutbox> outbox, Clock clock) {
        if (properties.smtp().configured()) {
            if (properties.smtp().trustAll()) {
                LOG.warn("SMTP_TRUST_ALL is on: any certificate is accepted for {}, so whoever sits in between can "
                        + "read the mails, links included, and the SMTP password. For local test servers only.",
                        properties.smtp().host());
            }
            return new SmtpEmailSender(properties.smtp(), properties.productName());
        }
        return new OutboxSender(Channel.EMAIL, outbox.getObject(), clock);
    }
}
