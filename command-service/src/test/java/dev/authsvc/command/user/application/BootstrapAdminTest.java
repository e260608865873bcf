package dev.authsvc.command.user.application;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.api.UserCommandRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;

class BootstrapAdminTest {

    @Test
    void aRefusedBootstrapPassword_stopsTheStartNamingTheSettingAndWhy() {
        AccountService accounts = mock(AccountService.class);
        when(accounts.registerBootstrapAdmin(any())).thenThrow(new UserCommandRejectedException(Reason.INVALID,
                "password", "The password must not contain your email address or name."));
        BootstrapAdmin bootstrap = new BootstrapAdmin(accounts, "admin@example.com", "+14155550100", "admin admin 1");

        assertThatThrownBy(() -> bootstrap.run(new DefaultApplicationArguments()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AUTH_BOOTSTRAP_ADMIN_")
                .hasMessageContaining("must not contain your email");
    }
}
