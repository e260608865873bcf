package dev.authsvc.command.user.web;

import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.application.AccountService;
import dev.authsvc.command.user.application.AccountService.Registration;
import dev.authsvc.web.InvalidFieldException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RegistrationController {

    private final AccountService accounts;
    private final ContactFields contacts;

    RegistrationController(AccountService accounts, ContactFields contacts) {
        this.accounts = accounts;
        this.contacts = contacts;
    }

    /** The seed's body; {@code role} may be left out (then {@code employee}). */
    record RegisterRequest(
            @NotBlank String firstName,
            @NotBlank String lastName,
            @NotBlank String email,
            @NotBlank String phoneNumber,
            @NotNull String password,
            String role) {

        @Override
        public String toString() {
            return "RegisterRequest[password=****]";
        }
    }

    record RegisterResponse(String message, String userId) {
    }

    @PostMapping("/register")
    RegisterResponse register(@Valid @RequestBody RegisterRequest request) {
        Role role = request.role() == null
                ? Role.EMPLOYEE
                : Role.parse(request.role()).orElseThrow(() -> new InvalidFieldException("role",
                        "Role must be one of admin, manager, employee, auditor."));
        String userId = accounts.register(new Registration(
                Names.check("first_name", request.firstName()),
                Names.check("last_name", request.lastName()),
                contacts.email("email", request.email()),
                contacts.phone("phone_number", request.phoneNumber()),
                role,
                new Password(request.password())));
        return new RegisterResponse("User registered successfully. Check your email to verify your address.", userId);
    }
}
