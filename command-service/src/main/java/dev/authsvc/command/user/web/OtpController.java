package dev.authsvc.command.user.web;

import dev.authsvc.command.user.application.AccountService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OtpController {

    static final String SENT = "If this number belongs to an account, a code has been sent to it by SMS.";

    private final AccountService accounts;
    private final ContactFields contacts;

    OtpController(AccountService accounts, ContactFields contacts) {
        this.accounts = accounts;
        this.contacts = contacts;
    }

    record SendOtpRequest(@NotBlank String phoneNumber) {
    }

    @PostMapping("/send-otp")
    MessageResponse sendOtp(@Valid @RequestBody SendOtpRequest request) {
        accounts.sendOtp(contacts.phone("phone_number", request.phoneNumber()));
        return new MessageResponse(SENT);
    }
}
