package dev.authsvc.events.data;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every integration event type on {@code auth.user-events.v1} and the record its {@code data} reads into. A
 * consumer meeting a type missing here (added later, within v1) should skip it; {@link
 * dev.authsvc.events.UserEventCodec#read(String)} does. A new event type is one entry here, its record beside
 * this class and its message in {@code asyncapi.yaml}.
 */
public final class UserEventTypes {

    public static final Map<String, Class<? extends UserEventData>> ALL = Map.ofEntries(
            Map.entry(UserRegisteredData.TYPE, UserRegisteredData.class),
            Map.entry(EmailVerificationRequestedData.TYPE, EmailVerificationRequestedData.class),
            Map.entry(EmailVerifiedData.TYPE, EmailVerifiedData.class),
            Map.entry(OtpRequestedData.TYPE, OtpRequestedData.class),
            Map.entry(OtpVerifiedData.TYPE, OtpVerifiedData.class),
            Map.entry(OtpVerificationFailedData.TYPE, OtpVerificationFailedData.class),
            Map.entry(UserLoggedInData.TYPE, UserLoggedInData.class),
            Map.entry(LoginFailedData.TYPE, LoginFailedData.class),
            Map.entry(AccountLockedData.TYPE, AccountLockedData.class),
            Map.entry(PasswordResetRequestedData.TYPE, PasswordResetRequestedData.class),
            Map.entry(PasswordResetCompletedData.TYPE, PasswordResetCompletedData.class),
            Map.entry(PasswordChangedData.TYPE, PasswordChangedData.class),
            Map.entry(ProfileUpdatedData.TYPE, ProfileUpdatedData.class),
            Map.entry(PhoneChangeRequestedData.TYPE, PhoneChangeRequestedData.class),
            Map.entry(PhoneNumberChangedData.TYPE, PhoneNumberChangedData.class),
            Map.entry(PhoneNumberRemovedData.TYPE, PhoneNumberRemovedData.class),
            Map.entry(SessionsRevokedData.TYPE, SessionsRevokedData.class),
            Map.entry(RoleChangedData.TYPE, RoleChangedData.class),
            Map.entry(UserDisabledData.TYPE, UserDisabledData.class),
            Map.entry(UserEnabledData.TYPE, UserEnabledData.class),
            Map.entry(AccountUnlockedData.TYPE, AccountUnlockedData.class));

    private static final Map<Class<? extends UserEventData>, String> NAMES = ALL.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    private UserEventTypes() {
    }

    /** The type name of this data's record. */
    public static String typeOf(UserEventData data) {
        String type = NAMES.get(data.getClass());
        if (type == null) {
            throw new IllegalArgumentException(data.getClass().getName() + " is not in UserEventTypes.ALL");
        }
        return type;
    }

    public static Optional<Class<? extends UserEventData>> dataType(String type) {
        return Optional.ofNullable(ALL.get(type));
    }
}
