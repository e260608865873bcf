package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.user.api.AccountLocked;
import dev.authsvc.command.user.api.LoginFailed;
import dev.authsvc.command.user.api.UserLoggedIn;
import dev.authsvc.command.user.domain.LockoutPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Password logins of one user at the same moment: the bcrypt verification runs before the user's lock is taken
 * (outside any unit of work or transaction), so they verify side by side and all succeed; and wrong passwords sent
 * at once still count one by one, the account locking at exactly the tenth.
 */
@TestPropertySource(properties = "auth.test.bcrypt-cost=10")
class ConcurrentPasswordLoginIT extends ApiTestSupport {

    private static final String PASSWORD = "correct horse battery";
    private static final int LOGINS = 16;
    private static final Duration BOUND = Duration.ofSeconds(30);

    /** Where each bcrypt verification ran: inside a command's unit of work or a transaction, or outside both. */
    static final Queue<Boolean> VERIFIED_INSIDE = new ConcurrentLinkedQueue<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class RecordingEncoder {

        @Bean
        static BeanPostProcessor recordWhereBcryptRuns() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof PasswordEncoder encoder)) {
                        return bean;
                    }
                    return new PasswordEncoder() {
                        @Override
                        public String encode(CharSequence rawPassword) {
                            return encoder.encode(rawPassword);
                        }

                        @Override
                        public boolean matches(CharSequence rawPassword, String encodedPassword) {
                            VERIFIED_INSIDE.add(CurrentUnitOfWork.isStarted()
                                    || TransactionSynchronizationManager.isActualTransactionActive());
                            return encoder.matches(rawPassword, encodedPassword);
                        }

                        @Override
                        public boolean upgradeEncoding(String encodedPassword) {
                            return encoder.upgradeEncoding(encodedPassword);
                        }
                    };
                }
            };
        }
    }

    @Test
    void sixteenLoginsOfOneUserAtOnce_allSucceedWithinTheBound_verifiedOutsideTheUsersLock() throws Exception {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), PASSWORD);
        VERIFIED_INSIDE.clear();

        long started = System.nanoTime();
        List<Response> responses = atOnce(LOGINS, BOUND, i -> passwordLogin(email, PASSWORD));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(responses).allSatisfy(response ->
                assertThat(response.status()).as(response.raw().body()).isEqualTo(200));
        assertThat(took).isLessThan(BOUND);
        assertThat(events(userId, UserLoggedIn.class)).hasSize(LOGINS);
        // One verification per login, and none while a unit of work (so the user's lock) or a transaction is open.
        assertThat(VERIFIED_INSIDE).hasSize(LOGINS).containsOnly(false);
    }

    @Test
    void twelveWrongPasswordsAtOnce_countOneByOne_andTheTenthLocks() throws Exception {
        String email = uniqueEmail();
        String userId = registerUser(email, uniquePhone(), PASSWORD);
        int sent = LockoutPolicy.FAILURES_PER_LOCK + 2;

        List<Response> responses = atOnce(sent, BOUND, i -> passwordLogin(email, "wrong password"));

        assertThat(responses.stream().filter(r -> r.status() == 401)).hasSize(LockoutPolicy.FAILURES_PER_LOCK - 1);
        assertThat(responses.stream().filter(r -> r.status() == 429)).hasSize(3);
        assertThat(events(userId, LoginFailed.class)).extracting(LoginFailed::consecutiveFailures)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(events(userId, AccountLocked.class)).hasSize(1);
        // Locked now: the right password is refused at once, without a verification.
        VERIFIED_INSIDE.clear();
        assertThat(passwordLogin(email, PASSWORD).status()).isEqualTo(429);
        assertThat(VERIFIED_INSIDE).isEmpty();
    }
}
