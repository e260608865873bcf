package dev.authsvc.command.config;

import dev.authsvc.command.user.domain.LoginPolicy;
import dev.authsvc.command.user.domain.PasswordPolicy;
import dev.authsvc.command.user.domain.RegistrationPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The policies the User aggregate's command handlers are given (Axon resolves handler parameters from beans). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountProtectionProperties.class)
public class PolicyConfiguration {

    @Bean
    PasswordPolicy passwordPolicy() {
        return new PasswordPolicy();
    }

    @Bean
    RegistrationPolicy registrationPolicy(AuthProperties properties) {
        return new RegistrationPolicy(properties.registration().selfAssignableRoles());
    }

    @Bean
    LoginPolicy loginPolicy(AccountProtectionProperties properties) {
        return new LoginPolicy(properties.requireVerifiedEmail());
    }
}
