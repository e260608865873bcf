package dev.authsvc.notifier.sms;

import static dev.authsvc.notifier.delivery.Durations.inWords;

import java.time.Duration;

/** The SMS the notifier sends: short, one segment where possible, the code up front. */
public final class SmsTexts {

    private final String productName;

    public SmsTexts(String productName) {
        this.productName = productName;
    }

    public String loginCode(String code, Duration validFor) {
        return "%s is your %s login code. It expires in %s. Never share it with anyone."
                .formatted(code, productName, inWords(validFor));
    }

    public String phoneChangeCode(String code, Duration validFor) {
        return "%s is your %s code to confirm this phone number. It expires in %s. If you did not ask for it, ignore this message."
                .formatted(code, productName, inWords(validFor));
    }
}
