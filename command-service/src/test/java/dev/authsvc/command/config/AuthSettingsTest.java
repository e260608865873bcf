package dev.authsvc.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.domain.RegistrationPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** The security rules' settings as the service reads them: its application.yml under the given environment variables. */
class AuthSettingsTest {

    @Test
    void byDefault_selfRegistrationMayPickOnlyTheEmployeeRole() {
        RegistrationPolicy policy = new PolicyConfiguration().registrationPolicy(settings(Map.of()));

        assertThat(policy.maySelfAssign(Role.EMPLOYEE)).isTrue();
        assertThat(policy.maySelfAssign(Role.MANAGER)).isFalse();
        assertThat(policy.maySelfAssign(Role.ADMIN)).isFalse();
    }

    @Test
    void theSelfAssignableRoles_areASetting() {
        RegistrationPolicy policy = new PolicyConfiguration().registrationPolicy(
                settings(Map.of("AUTH_SELF_ASSIGNABLE_ROLES", "employee,manager")));

        assertThat(policy.maySelfAssign(Role.MANAGER)).isTrue();
        assertThat(policy.maySelfAssign(Role.ADMIN)).isFalse();
    }

    @Test
    void strictPhoneNumbers_areASetting_offByDefault() {
        assertThat(settings(Map.of()).phone().strict()).isFalse();
        assertThat(settings(Map.of("AUTH_PHONE_STRICT", "true")).phone().strict()).isTrue();
    }

    @Test
    void theBodyLimit_is64KiBByDefault() {
        assertThat(settings(Map.of()).maxBodySize()).isEqualTo(64 * 1024);
    }

    private static AuthProperties settings(Map<String, Object> environmentVariables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environmentVariables));
        try {
            new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Binder.get(environment).bind("auth", AuthProperties.class).get();
    }
}
