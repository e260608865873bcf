package dev.authsvc.command.user.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.UserRegistered;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {
    "auth.bootstrap-admin.email=Root@Example.com",
    "auth.bootstrap-admin.phone-number=+15550001111",
    "auth.bootstrap-admin.password=bootstrap admin secret"})
class BootstrapAdminIT extends ApiTestSupport {

    @Autowired
    BootstrapAdmin bootstrapAdmin;

    @Test
    void theConfiguredAdminExistsOnceWithTheAdminRole() throws Exception {
        bootstrapAdmin.run(null);

        Response login = internalPost("/internal/verify/password",
                "{\"email\": \"root@example.com\", \"password\": \"bootstrap admin secret\"}");
        assertThat(login.status()).isEqualTo(200);
        String userId = login.text("user_id");
        assertThat(events(userId, UserRegistered.class)).singleElement()
                .satisfies(event -> assertThat(event.role()).isEqualTo(Role.ADMIN));
        assertThat(login.body().get("claims").get("role").asString()).isEqualTo("admin");
    }
}
