package dev.authsvc.notifier.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.events.data.AccountLockedData;
import dev.authsvc.events.data.PhoneNumberRemovedData;
import dev.authsvc.notifier.delivery.Channel;
import org.junit.jupiter.api.Test;

class NotificationChannelsTest {

    @Test
    void aRemovedPhoneNumber_sendsNothing() {
        // The reset that removed it already mails the owner (PasswordResetCompleted); no SMS to a number that is
        // no longer the account's.
        assertThat(NotificationComposer.channelFor(PhoneNumberRemovedData.TYPE)).isEmpty();
    }

    @Test
    void aLock_isStillMailed_whetherTimedOrUntilReset() {
        assertThat(NotificationComposer.channelFor(AccountLockedData.TYPE)).contains(Channel.EMAIL);
    }
}
