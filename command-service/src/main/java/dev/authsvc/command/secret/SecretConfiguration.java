package dev.authsvc.command.secret;

import java.security.SecureRandom;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the secret beans from {@code auth.secrets.*}; a missing or weak key stops the startup. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretProperties.class)
public class SecretConfiguration {

    @Bean
    SecretGenerator secretGenerator() {
        return new SecretGenerator(new SecureRandom());
    }

    @Bean
    SecretHasher secretHasher(SecretProperties properties) {
        return new SecretHasher(properties.pepperBytes());
    }

    @Bean
    SecretSealer secretSealer(SecretProperties properties) {
        return SecretSealer.from(properties, new SecureRandom());
    }

    @Bean
    SecretIssuer secretIssuer(SecretGenerator generator, SecretHasher hasher, SecretSealer sealer) {
        return new SecretIssuer(generator, hasher, sealer);
    }
}
