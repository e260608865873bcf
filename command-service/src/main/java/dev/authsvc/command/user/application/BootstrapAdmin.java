package dev.authsvc.command.user.application;

import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.application.AccountService.Registration;
import dev.authsvc.command.user.contact.Emails;
import dev.authsvc.command.user.contact.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first {@code admin} at start from {@code auth.bootstrap-admin.*} (nobody can self-register as
 * one), once: a later start finds the email taken and does nothing. Off while the email is unset.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final AccountService accounts;
    private final String email;
    private final String phoneNumber;
    private final String password;

    BootstrapAdmin(AccountService accounts,
            @Value("${auth.bootstrap-admin.email:}") String email,
            @Value("${auth.bootstrap-admin.phone-number:}") String phoneNumber,
            @Value("${auth.bootstrap-admin.password:}") String password) {
        this.accounts = accounts;
        this.email = email;
        this.phoneNumber = phoneNumber;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (email.isBlank()) {
            return;
        }
        String normalizedEmail = Emails.normalize(email).orElseThrow(() -> new IllegalStateException(
                "auth.bootstrap-admin.email (AUTH_BOOTSTRAP_ADMIN_EMAIL) is not a valid email address"));
        String normalizedPhone = PhoneNumbers.normalize(phoneNumber, false).orElseThrow(() -> new IllegalStateException(
                "auth.bootstrap-admin.phone-number (AUTH_BOOTSTRAP_ADMIN_PHONE_NUMBER) must be a number such as +14155550123"));
        if (password.isBlank()) {
            throw new IllegalStateException("auth.bootstrap-admin.password (AUTH_BOOTSTRAP_ADMIN_PASSWORD) is not set");
        }
        boolean created;
        try {
            created = accounts.registerBootstrapAdmin(new Registration("Administrator", "Account", normalizedEmail,
                    normalizedPhone, Role.ADMIN, new Password(password)));
        } catch (UserCommandRejectedException e) {
            // A weak password (too common, or holding the email's name) is a setting to fix, named as one.
            throw new IllegalStateException("The bootstrap admin (AUTH_BOOTSTRAP_ADMIN_*) was refused: "
                    + e.getMessage(), e);
        }
        if (created) {
            log.info("Created the bootstrap admin {}", Emails.mask(normalizedEmail));
        }
    }
}
