package dev.authsvc.command.sms;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code auth.sms.*}: how many codes the whole service may send by SMS per clock hour, across every instance
 * (env {@code AUTH_SMS_PER_HOUR}). It bounds what toll fraud through many accounts and numbers can cost.
 */
@ConfigurationProperties("auth.sms")
public record SmsBudgetProperties(@DefaultValue("1000") int perHour) {

    public SmsBudgetProperties {
        if (perHour < 1) {
            throw new IllegalArgumentException("auth.sms.per-hour (env AUTH_SMS_PER_HOUR) must be at least 1, was "
                    + perHour);
        }
    }
}
