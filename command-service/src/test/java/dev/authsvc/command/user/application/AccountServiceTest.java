package dev.authsvc.command.user.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.authsvc.command.config.AuthProperties;
import dev.authsvc.command.secret.SecretIssuer;
import dev.authsvc.command.sms.SmsBudget;
import dev.authsvc.command.user.api.LoginResult;
import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.infrastructure.LoginCredentials;
import dev.authsvc.command.user.infrastructure.UserLookup;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class AccountServiceTest {

    /** Counts the hash checks an encoder is asked for, and remembers the hashes it made and was asked to check. */
    private static final class CountingEncoder implements PasswordEncoder {

        private final PasswordEncoder delegate = new BCryptPasswordEncoder(4);
        final AtomicInteger checks = new AtomicInteger();
        final List<String> encoded = new CopyOnWriteArrayList<>();
        final List<String> checked = new CopyOnWriteArrayList<>();

        @Override
        public String encode(CharSequence rawPassword) {
            String hash = delegate.encode(rawPassword);
            encoded.add(hash);
            return hash;
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            checks.incrementAndGet();
            checked.add(encodedPassword);
            return delegate.matches(rawPassword, encodedPassword);
        }
    }

    /** No lock, and a failure answered 401; UnknownLoginLockoutIT proves the real counting against a database. */
    private static UnknownLoginLockout unknownLogins() {
        UnknownLoginLockout unknownLogins = mock(UnknownLoginLockout.class);
        when(unknownLogins.locked(any())).thenReturn(Optional.empty());
        when(unknownLogins.recordFailure(any())).thenReturn(LoginResult.badCredentials(null));
        return unknownLogins;
    }

    @Test
    void aPasswordLoginForAnUnknownEmailSpendsAHashCheckLikeAKnownOne() {
        UserLookup lookup = mock(UserLookup.class);
        when(lookup.find(any(), any())).thenReturn(Optional.empty());
        CommandGateway commands = mock(CommandGateway.class);
        CountingEncoder encoder = new CountingEncoder();
        AuthProperties properties = new AuthProperties(null, null, new AuthProperties.Registration(Set.of()),
                null, new AuthProperties.Enumeration(Duration.ZERO), 65536);
        AccountService accounts = new AccountService(commands, lookup, mock(SecretIssuer.class),
                mock(UserCommandRunner.class), new UnknownPhoneThrottle(), mock(SmsBudget.class), unknownLogins(),
                properties, encoder, mock(LoginCredentials.class));

        LoginResult result = accounts.loginWithPassword("nobody@example.com", new Password("whatever it is"));

        assertThat(result.failure()).isEqualTo(LoginResult.Failure.BAD_CREDENTIALS);
        assertThat(encoder.checks).hasValue(1);
        verifyNoInteractions(commands);
    }

    @Test
    void theUnknownEmailsHashCheck_isAgainstAHashOfTheServicesOwnEncoder_soItCostsTheSame() {
        UserLookup lookup = mock(UserLookup.class);
        when(lookup.find(any(), any())).thenReturn(Optional.empty());
        CountingEncoder encoder = new CountingEncoder();
        AuthProperties properties = new AuthProperties(null, null, new AuthProperties.Registration(Set.of()),
                null, new AuthProperties.Enumeration(Duration.ZERO), 65536);
        AccountService accounts = new AccountService(mock(CommandGateway.class), lookup, mock(SecretIssuer.class),
                mock(UserCommandRunner.class), new UnknownPhoneThrottle(), mock(SmsBudget.class), unknownLogins(),
                properties, encoder, mock(LoginCredentials.class));

        accounts.loginWithPassword("nobody@example.com", new Password("whatever it is"));

        // A hash the configured encoder made has its algorithm and cost, as every stored password hash has; a
        // constant or a cheaper hash would answer an unknown email faster.
        assertThat(encoder.checked).singleElement().isIn(encoder.encoded);
    }
}
