package dev.authsvc.command.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.support.AxonClock;
import dev.authsvc.command.support.TestTokens;
import dev.authsvc.command.user.api.OtpRequested;
import dev.authsvc.command.user.api.PhoneChangeRequested;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The service's SMS budget per hour ({@code AUTH_SMS_PER_HOUR}, here {@value #PER_HOUR}) is counted in the database,
 * so every instance spends from it; past it, each SMS-sending command is 429 with Retry-After, and counted.
 */
@TestPropertySource(properties = "auth.sms.per-hour=" + SmsBudgetIT.PER_HOUR)
class SmsBudgetIT extends ApiTestSupport {

    static final int PER_HOUR = 4;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private MeterRegistry meters;

    @Test
    void pastTheHourlyBudgetSharedByEveryInstance_eachSmsSendingCommandIs429WithRetryAfter_andCounted() {
        // at five past the hour, so the budget's window cannot roll over during the test
        Instant now = GenericEventMessage.clock.instant();
        Duration toFivePast = Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(65)));
        try (AxonClock fivePast = AxonClock.movedAhead(toFivePast)) {
            SmsBudget anotherInstance = new SmsBudget(jdbc, transactions, () -> GenericEventMessage.clock.instant(),
                    new SmsBudgetProperties(PER_HOUR), new SimpleMeterRegistry());
            anotherInstance.spend();
            anotherInstance.spend();
            String first = uniquePhone();
            String second = uniquePhone();
            String firstUser = registerUser(uniqueEmail(), first, "correct horse battery");
            String secondUser = registerUser(uniqueEmail(), second, "correct horse battery");
            String third = uniquePhone();
            String thirdEmail = uniqueEmail();
            String thirdUser = registerUser(thirdEmail, third, "correct horse battery");
            double refusedBefore = refused();

            assertThat(post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(first)).status()).isEqualTo(200);
            assertThat(post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(second)).status()).isEqualTo(200);
            Response known = post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(third));
            Response unknown = post("/send-otp", "{\"phone_number\": \"%s\"}".formatted(uniquePhone()));
            String sessionId = internalPost("/internal/verify/password",
                    "{\"email\": \"%s\", \"password\": \"correct horse battery\"}".formatted(thirdEmail))
                    .body().get("session_id").asString();
            Response phoneChange = put("/update-account", "{\"phone_number\": \"%s\"}".formatted(uniquePhone()),
                    TestTokens.accessToken(thirdUser, sessionId));

            assertThat(events(firstUser, OtpRequested.class)).hasSize(1);
            assertThat(events(secondUser, OtpRequested.class)).hasSize(1);
            for (Response refused : new Response[] {known, unknown, phoneChange}) {
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(3200, 3300);
            }
            assertThat(unknown.raw().body()).isEqualTo(known.raw().body());
            assertThat(events(thirdUser, OtpRequested.class)).isEmpty();
            assertThat(events(thirdUser, PhoneChangeRequested.class)).isEmpty();
            assertThat(refused()).isEqualTo(refusedBefore + 3);
        }
    }

    private double refused() {
        return meters.counter(SmsBudget.REFUSED_METRIC).count();
    }
}
