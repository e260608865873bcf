package dev.authsvc.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordHashingTest {

    @Test
    void byDefaultPasswordsAreHashedWithBcryptCost12BehindTheDelegatingEncoder() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
        int cost = environment.getRequiredProperty("auth.password.bcrypt-cost", Integer.class);

        PasswordEncoder encoder = SecurityConfiguration.bcrypt(cost);
        String hash = encoder.encode("secure_password");

        assertThat(cost).isEqualTo(12);
        assertThat(hash).startsWith("{bcrypt}$2a$12$");
        assertThat(encoder.matches("secure_password", hash)).isTrue();
    }

    @Test
    void aHashOfALowerCostIsUpgradedAtTheNextLogin() {
        String old = SecurityConfiguration.bcrypt(4).encode("secure_password");

        assertThat(SecurityConfiguration.bcrypt(12).upgradeEncoding(old)).isTrue();
    }
}
