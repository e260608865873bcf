package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authsvc.command.config.AuthProperties;
import dev.authsvc.web.InvalidFieldException;
import org.junit.jupiter.api.Test;

/** The strict phone mode of the security rules is a setting ({@code auth.phone.strict}) that the request fields obey. */
class ContactFieldsTest {

    private static ContactFields fields(boolean strict) {
        return new ContactFields(new AuthProperties(null, null, null, new AuthProperties.Phone(strict), null, 65536));
    }

    @Test
    void theSeedsNumber_isAcceptedInTheDefaultLenientMode() {
        assertThat(fields(false).phone("phone_number", "+1234567890")).isEqualTo("+1234567890");
    }

    @Test
    void inStrictMode_aNumberThatIsNoRealNumber_isABadRequestNamingTheField() {
        assertThatThrownBy(() -> fields(true).phone("phone_number", "+1234567890"))
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        e -> assertThat(e.field()).isEqualTo("phone_number"));
        assertThat(fields(true).phone("phone_number", "+1 (650) 253-0000")).isEqualTo("+16502530000");
    }
}
