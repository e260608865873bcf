package dev.authsvc.command.user.web;

import dev.authsvc.command.config.AuthProperties;
import dev.authsvc.command.user.contact.Emails;
import dev.authsvc.command.user.contact.PhoneNumbers;
import dev.authsvc.web.InvalidFieldException;
import org.springframework.stereotype.Component;

/** Normalizes the email and phone fields of a request, or answers 400 naming the field. */
@Component
class ContactFields {

    private final boolean strictPhoneNumbers;

    ContactFields(AuthProperties properties) {
        this.strictPhoneNumbers = properties.phone().strict();
    }

    String email(String field, String raw) {
        return Emails.normalize(raw).orElseThrow(() -> new InvalidFieldException(field,
                "'" + field + "' is not a valid email address."));
    }

    String phone(String field, String raw) {
        return PhoneNumbers.normalize(raw, strictPhoneNumbers).orElseThrow(() -> new InvalidFieldException(field,
                "'" + field + "' must be a phone number in international form, such as +14155550123."));
    }
}
