package dev.authsvc.events.data;

/** {@code data} of {@code OtpVerified}: the current login code matched (a login follows). */
public record OtpVerifiedData() implements UserEventData {

    public static final String TYPE = "OtpVerified";
}
